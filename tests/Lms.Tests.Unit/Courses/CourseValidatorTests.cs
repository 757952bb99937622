using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;
using Lms.Features.Courses.CreateCourse;
using Lms.Features.Courses.ListCourses;
using Lms.Features.Courses.UpdateCourse;

namespace Lms.Tests.Unit.Courses;

public class CreateCourseValidatorTests
{
    private readonly CreateCourse003.Validator _validator = new();

    private static readonly CreateCourse003.Command Valid =
        new(new Caller(7, Role.Teacher), "Intro to Python", null, null, null, null, null);

    [Fact]
    public void A_title_alone_is_enough() => Assert.Empty(Validated.Errors(_validator, Valid));

    [Fact]
    public void Every_field_set_within_its_limits_is_valid() =>
        Assert.Empty(Validated.Errors(_validator,
            Valid with { Slug = "intro_to-python-3", Description = "All of it.", Category = "Programming", Level = "ADVANCED", DurationWeeks = 520 }));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_missing_title_is_required(string? title) =>
        Assert.Equal(["This field is required."], Validated.Errors(_validator, Valid with { Title = title })["title"]);

    [Fact]
    public void A_title_over_200_characters_is_refused() =>
        Assert.Equal(["Ensure this field has no more than 200 characters."],
            Validated.Errors(_validator, Valid with { Title = new string('t', 201) })["title"]);

    [Theory]
    [InlineData("intro to python")]
    [InlineData("intro/python")]
    [InlineData("ünïcode")]
    public void A_slug_of_other_characters_is_refused(string slug) =>
        Assert.Equal(["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."],
            Validated.Errors(_validator, Valid with { Slug = slug })["slug"]);

    [Theory]
    [InlineData("expert")]
    [InlineData("1")]
    public void An_unknown_level_is_not_a_valid_choice(string level) =>
        Assert.Equal([$"\"{level}\" is not a valid choice."], Validated.Errors(_validator, Valid with { Level = level })["level"]);

    [Theory]
    [InlineData("beginner,advanced")]
    [InlineData("intermediate, advanced")]
    public void A_comma_list_of_levels_is_not_a_valid_choice(string level) =>
        Assert.Equal([$"\"{level}\" is not a valid choice."], Validated.Errors(_validator, Valid with { Level = level })["level"]);

    [Theory]
    [InlineData(0)]
    [InlineData(521)]
    [InlineData(-3)]
    public void A_duration_outside_1_to_520_weeks_is_reported_as_duration_weeks(int weeks) =>
        Assert.Equal(["Ensure this value is between 1 and 520."], Validated.Errors(_validator, Valid with { DurationWeeks = weeks })["duration_weeks"]);

    [Fact]
    public void Description_and_category_limits_apply()
    {
        var errors = Validated.Errors(_validator, Valid with { Description = new string('d', 10_001), Category = new string('c', 101) });

        Assert.Equal(["Ensure this field has no more than 10000 characters."], errors["description"]);
        Assert.Equal(["Ensure this field has no more than 100 characters."], errors["category"]);
    }
}

public class UpdateCourseValidatorTests
{
    private readonly UpdateCourse003.Validator _validator = new();

    private static UpdateCourse003.Command Change(UpdateCourse003.Body body) => new(1, new Caller(7, Role.Teacher), body);

    private static readonly UpdateCourse003.Body Nothing = new(null, null, null, null, null, null, null);

    private static readonly string[] EveryField = ["category", "description", "duration_weeks", "level", "slug", "status", "title"];

    [Fact]
    public void An_empty_change_is_valid() => Assert.Empty(Validated.Errors(_validator, Change(Nothing)));

    [Fact]
    public void Every_field_changed_within_its_limits_is_valid() =>
        Assert.Empty(Validated.Errors(_validator, Change(new UpdateCourse003.Body("New", "new-slug", "d", "c", "intermediate", 4, "Pending"))));

    [Fact]
    public void A_blank_title_may_not_be_blank() =>
        Assert.Equal(["This field may not be blank."], Validated.Errors(_validator, Change(Nothing with { Title = " " }))["title"]);

    [Fact]
    public void Every_error_is_reported_under_the_bodys_snake_case_field_name()
    {
        var errors = Validated.Errors(_validator, Change(new UpdateCourse003.Body(
            new string('t', 201), "bad slug", new string('d', 10_001), new string('c', 101), "expert", 0, "approved")));

        Assert.Equal(EveryField, errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Ensure this value is between 1 and 520."], errors["duration_weeks"]);
        Assert.Equal(["\"approved\" is not a valid choice."], errors["status"]);
        Assert.Equal(["\"expert\" is not a valid choice."], errors["level"]);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("pending")]
    [InlineData("PUBLISHED")]
    [InlineData("rejected")]
    [InlineData("archived")]
    public void Every_course_status_word_is_a_valid_choice(string status) =>
        Assert.Empty(Validated.Errors(_validator, Change(Nothing with { Status = status })));

    [Theory]
    [InlineData("2")]
    [InlineData("draft,published")]
    [InlineData("archived,rejected")]
    public void Numbers_and_comma_lists_are_not_a_valid_status(string status) =>
        Assert.Equal([$"\"{status}\" is not a valid choice."], Validated.Errors(_validator, Change(Nothing with { Status = status }))["status"]);
}

public class ListCoursesValidatorTests
{
    private readonly ListCourses003.Validator _validator = new();

    private static readonly ListCourses003.Query Anonymous = new(null, new PageQuery(1, 20), null, null, null);

    [Fact]
    public void No_filters_are_valid() => Assert.Empty(Validated.Errors(_validator, Anonymous));

    [Fact]
    public void Known_level_and_status_filters_are_valid() =>
        Assert.Empty(Validated.Errors(_validator, Anonymous with { Search = "python", Level = "beginner", Status = "published" }));

    [Fact]
    public void Unknown_filter_values_get_djangos_choice_message()
    {
        var errors = Validated.Errors(_validator, Anonymous with { Level = "expert", Status = "approved" });

        Assert.Equal(["Select a valid choice. expert is not one of the available choices."], errors["level"]);
        Assert.Equal(["Select a valid choice. approved is not one of the available choices."], errors["status"]);
    }

    [Fact]
    public void A_search_over_200_characters_is_refused() =>
        Assert.Equal(["Ensure this field has no more than 200 characters."],
            Validated.Errors(_validator, Anonymous with { Search = new string('s', 201) })["search"]);
}
