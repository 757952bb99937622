using System.Text.Json;
using Lms.Features.Common.Json;
using Lms.Features.Courses;
using Lms.Features.Enrollments.EnrollInCourse;
using Lms.Features.Progress;
using Lms.Features.Progress.UpdateLessonProgress;

namespace Lms.Tests.Unit.Json;

public class LmsJsonTests
{
    private static string Write<T>(T value) => JsonSerializer.Serialize(value, LmsJson.Options);

    private static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(json, LmsJson.Options);

    [Fact]
    public void A_response_is_written_with_snake_case_names_enum_words_and_utc_instants()
    {
        var response = new ProgressResponse(7, 101, "Variables", 1, 42, ProgressStatus.NotStarted, "", null,
            new DateTimeOffset(2024, 3, 1, 11, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal(
            """{"id":7,"lesson_id":101,"lesson_title":"Variables","lesson_order":1,"course_id":42,"status":"not_started","notes":"","completed_at":null,"updated_at":"2024-03-01T09:30:00.000000Z"}""",
            Write(response));
    }

    [Theory]
    [InlineData(CourseStatus.Published, "published")]
    [InlineData(CourseStatus.Pending, "pending")]
    [InlineData(CourseLevel.Intermediate, "intermediate")]
    [InlineData(ProgressStatus.NotStarted, "not_started")]
    [InlineData(ProgressStatus.InProgress, "in_progress")]
    public void Enums_are_written_as_snake_case_words(object value, string word) =>
        Assert.Equal($"\"{word}\"", JsonSerializer.Serialize(value, value.GetType(), LmsJson.Options));

    [Fact]
    public void A_nullable_instant_is_written_as_utc_with_z()
    {
        DateTimeOffset? at = new DateTimeOffset(2024, 12, 31, 23, 0, 0, 123, TimeSpan.FromHours(-5));

        Assert.Equal("\"2025-01-01T04:00:00.123000Z\"", Write(at));
    }

    [Fact]
    public void Instants_with_an_offset_are_read_as_the_same_moment() =>
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero), Read<DateTimeOffset>("\"2024-03-01T11:30:00+02:00\""));

    [Fact]
    public void Enum_words_are_read_back() => Assert.Equal(ProgressStatus.InProgress, Read<ProgressStatus>("\"in_progress\""));

    [Theory]
    [InlineData("2")]
    [InlineData("\"2\"")]
    public void Integers_for_enums_are_rejected(string json) => Assert.Throws<JsonException>(() => Read<CourseStatus>(json));

    [Fact]
    public void A_body_with_known_snake_case_fields_is_read() =>
        Assert.Equal(new UpdateLessonProgress003.Body("completed", "ok"), Read<UpdateLessonProgress003.Body>("""{"status":"completed","notes":"ok"}"""));

    [Fact]
    public void An_unknown_property_throws() =>
        Assert.Throws<JsonException>(() => Read<UpdateLessonProgress003.Body>("""{"status":"completed","colour":"red"}"""));

    [Fact]
    public void Names_are_case_sensitive_so_pascal_case_is_an_unknown_property() =>
        Assert.Throws<JsonException>(() => Read<UpdateLessonProgress003.Body>("""{"Status":"completed"}"""));

    [Fact]
    public void A_number_sent_as_a_string_is_rejected() =>
        Assert.Throws<JsonException>(() => Read<EnrollInCourse003.Body>("""{"course_id":"5"}"""));

    [Fact]
    public void A_duplicated_property_is_rejected() =>
        Assert.Throws<JsonException>(() => Read<EnrollInCourse003.Body>("""{"course_id":5,"course_id":6}"""));

    [Fact]
    public void Non_ascii_text_and_quotes_are_written_as_themselves() =>
        Assert.Equal("\"Çalışma 'notları' & <b>\"", Write("Çalışma 'notları' & <b>"));

    [Fact]
    public void Dictionary_keys_are_not_renamed() =>
        Assert.Equal("""{"someField":1}""", Write(new Dictionary<string, int>(StringComparer.Ordinal) { ["someField"] = 1 }));

    [Theory]
    [InlineData("DurationWeeks", "duration_weeks")]
    [InlineData("CourseId", "course_id")]
    [InlineData("Id", "id")]
    public void Name_gives_the_clients_name_of_a_member(string member, string name) => Assert.Equal(name, LmsJson.Name(member));
}
