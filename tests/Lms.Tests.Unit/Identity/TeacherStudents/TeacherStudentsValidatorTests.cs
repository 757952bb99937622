using Lms.Features.Common.Media;
using Lms.Features.Common.Paging;
using Lms.Features.Identity.Profile;
using Lms.Features.Identity.TeacherStudents;
using Microsoft.AspNetCore.Http;

namespace Lms.Tests.Unit.Identity.TeacherStudents;

internal static class Images
{
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    public static IFormFile File(string field, byte[] bytes) => new FormFile(new MemoryStream(bytes), 0, bytes.Length, field, "x.png");

    public static ImageInput Upload(string field, byte[] bytes) => new(File(field, bytes), null);
}

public class UpdateTeacherProfile004ValidatorTests
{
    private readonly UpdateTeacherProfile004.Validator _validator = new();

    private static UpdateTeacherProfile004.Command Command(string? firstName = null, string? lastName = null, string? bio = null,
        string? specialization = null, int? years = null, ImageInput? avatar = null, ImageInput? logo = null) =>
        new(1, firstName, lastName, bio, specialization, years, avatar ?? new ImageInput(null, null), logo ?? new ImageInput(null, null));

    [Fact]
    public void An_empty_update_is_valid() => Assert.Empty(Validated.Errors(_validator, Command()));

    [Theory]
    [InlineData(0)]
    [InlineData(80)]
    public void Experience_years_from_0_to_80_are_valid(int years) => Assert.Empty(Validated.Errors(_validator, Command(years: years)));

    [Theory]
    [InlineData(-1, "Ensure this value is greater than or equal to 0.")]
    [InlineData(81, "Ensure this value is less than or equal to 80.")]
    [InlineData(int.MaxValue, "Ensure this value is less than or equal to 80.")]
    public void Experience_years_outside_0_to_80_are_refused(int years, string message) =>
        Assert.Equal([message], Validated.Errors(_validator, Command(years: years))["experience_years"]);

    [Fact]
    public void A_sent_name_may_not_be_blank_and_strings_are_capped()
    {
        var errors = Validated.Errors(_validator, Command(firstName: "  ", lastName: new string('x', 151), bio: new string('b', 2001),
            specialization: new string('s', 201)));

        Assert.Equal(["This field may not be blank."], errors["first_name"]);
        Assert.Equal(["Ensure this field has no more than 150 characters."], errors["last_name"]);
        Assert.Equal(["Ensure this field has no more than 2000 characters."], errors["bio"]);
        Assert.Equal(["Ensure this field has no more than 200 characters."], errors["specialization"]);
    }

    [Fact]
    public void A_real_image_is_valid_and_an_empty_value_removes_the_image() =>
        Assert.Empty(Validated.Errors(_validator, Command(avatar: Images.Upload("avatar", Images.Png), logo: new ImageInput(null, ""))));

    [Fact]
    public void Images_are_checked_per_field_with_004s_messages()
    {
        var errors = Validated.Errors(_validator, Command(avatar: Images.Upload("avatar", "GIF-ish text"u8.ToArray()),
            logo: Images.Upload("logo", [.. Images.Png, .. new byte[ImageUploads.MaxBytes]])));

        Assert.Equal([ImageUploads.InvalidImage], errors["avatar"]);
        Assert.Equal([ImageUploads.TooLarge], errors["logo"]);
    }

    [Fact]
    public void Text_instead_of_a_file_is_refused() =>
        Assert.Equal(["The submitted data was not a file. Check the encoding type on the form."], Validated.Errors(_validator, Command(avatar: new ImageInput(null, "me.png")))["avatar"]);
}

public class UpdateStudentProfile004ValidatorTests
{
    private readonly UpdateStudentProfile004.Validator _validator = new();

    [Fact]
    public void Grade_and_school_are_capped_and_names_may_not_be_blank()
    {
        var errors = Validated.Errors(_validator, new UpdateStudentProfile004.Command(1, "", null, new string('g', 51), new string('s', 201),
            new ImageInput(null, null)));

        Assert.Equal(["This field may not be blank."], errors["first_name"]);
        Assert.Equal(["Ensure this field has no more than 50 characters."], errors["grade_level"]);
        Assert.Equal(["Ensure this field has no more than 200 characters."], errors["school_name"]);
        Assert.False(errors.ContainsKey("last_name"));
    }
}

public class ImageInputTests
{
    [Fact]
    public void A_file_wins_over_text_and_empty_text_means_remove()
    {
        var files = new FormFileCollection { Images.File("avatar", Images.Png) };

        var avatar = ImageInput.From(files, "avatar", "ignored");
        var logo = ImageInput.From(files, "logo", "");

        Assert.NotNull(avatar.File);
        Assert.Null(avatar.Text);
        Assert.False(avatar.Removes);
        Assert.True(logo.Removes);
        Assert.False(ImageInput.From(files, "logo", null).Removes);
    }

    [Fact]
    public void Files_under_other_names_are_unknown_fields()
    {
        var files = new FormFileCollection
        {
            Images.File("avatar", Images.Png), Images.File("thumbnail", Images.Png), Images.File(new string('f', 300), Images.Png),
            Images.File(new string('f', 300) + "x", Images.Png),
        };

        var error = Assert.Throws<Lms.Features.Common.Errors.ValidationFailed>(() => ImageInput.RejectOthers(files, "avatar", "logo"));

        Assert.Equal([new string('f', 100), "thumbnail"], error.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.All(error.Fields.Values, v => Assert.Equal(["Unknown field."], v));
    }

    [Fact]
    public void A_second_file_for_a_field_is_refused()
    {
        var files = new FormFileCollection { Images.File("avatar", Images.Png), Images.File("avatar", Images.Png) };

        var error = Assert.Throws<Lms.Features.Common.Errors.ValidationFailed>(() => ImageInput.RejectOthers(files, "avatar"));

        Assert.Equal(["Upload only one file."], error.Fields["avatar"]);
    }

    [Fact]
    public void Known_files_pass() =>
        ImageInput.RejectOthers(new FormFileCollection { Images.File("logo", Images.Png) }, "avatar", "logo");
}

public class ListStudents004Tests
{
    private readonly ListStudents004.Validator _validator = new();

    private static ListStudents004.Query Query(string? search = null, string? isActive = null, string? ordering = null) =>
        new(1, new PageQuery(1, 5), search, isActive, ordering);

    [Theory]
    [InlineData(null, true, null)]
    [InlineData("", true, null)]
    [InlineData("true", true, true)]
    [InlineData("True", true, true)]
    [InlineData("1", true, true)]
    [InlineData("false", true, false)]
    [InlineData("0", true, false)]
    [InlineData("yes", false, null)]
    [InlineData("2", false, null)]
    public void Is_active_reads_booleans_as_django_filter_does(string? value, bool ok, bool? flag)
    {
        Assert.Equal(ok, ListParameters.TryParseFlag(value, out var parsed));
        Assert.Equal(flag, parsed);
    }

    [Fact]
    public void The_four_documented_orderings_are_accepted()
    {
        Assert.Equal(["student__full_name", "-student__full_name", "enrollment_date", "-enrollment_date"], ListStudents004.Orderings.Keys);
        foreach (var ordering in ListStudents004.Orderings.Keys)
            Assert.Empty(Validated.Errors(_validator, Query(ordering: ordering)));
    }

    [Theory]
    [InlineData("full_name")]
    [InlineData("STUDENT__FULL_NAME")]
    [InlineData("-password")]
    public void Other_orderings_are_refused(string ordering) =>
        Assert.StartsWith($"Select a valid choice. {ordering} is not one of the available choices",
            Assert.Single(Validated.Errors(_validator, Query(ordering: ordering))["ordering"]), StringComparison.Ordinal);

    [Fact]
    public void Search_and_flags_are_capped()
    {
        var errors = Validated.Errors(_validator, Query(search: new string('s', 201), isActive: "maybe", ordering: new string('o', 101)));

        Assert.Equal(["Ensure this field has no more than 200 characters."], errors["search"]);
        Assert.Equal(["Must be a valid boolean."], errors["is_active"]);
        Assert.Equal(["Ensure this field has no more than 100 characters."], errors["ordering"]);
    }
}
