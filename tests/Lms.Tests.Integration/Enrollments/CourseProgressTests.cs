using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Enrollments;

/// <summary>003 <c>GET /api/progress/?course_id=</c>.</summary>
public sealed class CourseProgressTests(LmsApiFactory factory) : EnrollmentTest(factory)
{
    [Fact]
    public async Task Progress_lists_one_record_per_lesson_in_lesson_order_with_totals()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var courseId = await NewCourse(teacher, "ordered");
        // Stored out of order: the response must follow the lessons' Order, not insertion.
        var lessonIds = await AddLessons(courseId, ["Views", "Models", "Setup"], orders: [3, 2, 1]);
        var (student, _, _) = await NewUser();
        var enrollment = await EnrollOk(student, courseId);

        var response = await student.GetAsync($"/api/progress/?course_id={courseId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(courseId, Num(body["course_id"]));
        Assert.Equal(Num(enrollment["id"]), Num(body["enrollment_id"]));
        Assert.Equal("active", Str(body["status"]));
        Assert.Equal(3, body["total_lessons"]!.GetValue<int>());
        Assert.Equal(0, body["completed_lessons"]!.GetValue<int>());
        Assert.Equal(0m, body["progress_percentage"]!.GetValue<decimal>());
        var results = body["results"]!.AsArray();
        Assert.Equal(["Setup", "Models", "Views"], results.Select(r => Str(r!["lesson_title"])));
        Assert.Equal([1, 2, 3], results.Select(r => r!["lesson_order"]!.GetValue<int>()));
        Assert.Equal([lessonIds[2], lessonIds[1], lessonIds[0]], results.Select(r => Num(r!["lesson_id"])));
        Assert.All(results, r => Assert.Equal(courseId, Num(r!["course_id"])));
        await Contract.Match(response, "ok");
    }

    [Fact]
    public async Task Progress_shows_only_the_callers_records()
    {
        var courseId = await PublishedCourseWithLessons("shared-course", lessons: 2);
        var (student, _, _) = await NewUser();
        var (other, _, _) = await NewUser();
        await EnrollOk(student, courseId);
        await EnrollOk(other, courseId);
        var otherIds = await ProgressIds(other, courseId);

        var mine = await ProgressIds(student, courseId);

        Assert.Equal(2, mine.Count);
        Assert.Empty(mine.Intersect(otherIds));
    }

    [Fact]
    public async Task Progress_of_a_course_without_lessons_is_empty_with_zero_totals()
    {
        var courseId = await PublishedCourseWithLessons("no-lessons", lessons: 0);
        var (student, _, _) = await NewUser();
        await EnrollOk(student, courseId);

        var body = await ProgressOk(student, courseId);

        Assert.Empty(body["results"]!.AsArray());
        Assert.Equal(0, body["total_lessons"]!.GetValue<int>());
        Assert.Equal(0m, body["progress_percentage"]!.GetValue<decimal>());
        Assert.Equal("active", Str(body["status"]));
    }

    [Fact]
    public async Task Progress_without_course_id_returns_400_naming_it()
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync("/api/progress/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.Equal("This query parameter is required.", Str(body["details"]!["course_id"]![0]));
        await Contract.Match(response, "missing-course-id");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public async Task Progress_with_an_invalid_course_id_returns_400_naming_it(string courseId)
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync($"/api/progress/?course_id={Uri.EscapeDataString(courseId)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.Equal("A valid integer is required.", Str(body["details"]!["course_id"]![0]));
    }

    [Fact]
    public async Task Progress_in_a_course_the_caller_is_not_enrolled_in_returns_404()
    {
        var courseId = await PublishedCourseWithLessons("not-enrolled", lessons: 2);
        var (student, _, _) = await NewUser();
        var (other, _, _) = await NewUser();
        await EnrollOk(other, courseId);

        var response = await student.GetAsync($"/api/progress/?course_id={courseId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await Json(response), "NOT_FOUND");
        await Contract.Match(response, "not-enrolled");
    }

    [Fact]
    public async Task Progress_anonymously_returns_401()
    {
        var response = await Anonymous().GetAsync("/api/progress/?course_id=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json(response), "NOT_AUTHENTICATED");
    }
}
