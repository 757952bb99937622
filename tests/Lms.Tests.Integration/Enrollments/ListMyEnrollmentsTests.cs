using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Enrollments;

/// <summary>003 <c>GET /api/enrollments/</c>.</summary>
public sealed class ListMyEnrollmentsTests(LmsApiFactory factory) : EnrollmentTest(factory)
{
    [Fact]
    public async Task List_returns_only_the_callers_enrollments_newest_first_in_the_page_envelope()
    {
        var first = await PublishedCourseWithLessons("first", lessons: 1);
        var second = await PublishedCourseWithLessons("second", lessons: 2);
        var third = await PublishedCourseWithLessons("third", lessons: 0);
        var (student, studentId, _) = await NewUser();
        var (other, _, _) = await NewUser();
        await EnrollOk(student, first);
        await EnrollOk(other, first);
        await EnrollOk(student, second);
        await EnrollOk(other, third);

        var response = await student.GetAsync("/api/enrollments/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(2L, body["count"]!.GetValue<long>());
        Assert.Null(body["next"]);
        Assert.Null(body["previous"]);
        var results = body["results"]!.AsArray();
        Assert.Equal([second, first], results.Select(e => Num(e!["course_id"])));
        Assert.All(results, e => Assert.Equal(studentId, Num(e!["student"])));
        await Contract.Match(response, "page");
    }

    [Fact]
    public async Task List_with_no_enrollments_returns_an_empty_page()
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync("/api/enrollments/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(0L, body["count"]!.GetValue<long>());
        Assert.Empty(body["results"]!.AsArray());
        await Contract.Match(response, "empty");
    }

    [Fact]
    public async Task List_honours_page_size_and_links_the_next_and_previous_pages()
    {
        var (student, _, _) = await NewUser();
        var courses = new List<long>();
        for (var i = 1; i <= 3; i++)
        {
            var courseId = await PublishedCourseWithLessons($"paged-{i}", lessons: 0);
            courses.Add(courseId);
            await EnrollOk(student, courseId);
        }

        var page1 = await student.GetAsync("/api/enrollments/?page_size=2");

        Assert.Equal(HttpStatusCode.OK, page1.StatusCode);
        var body1 = await Json(page1);
        Assert.Equal(3L, body1["count"]!.GetValue<long>());
        Assert.Equal([courses[2], courses[1]], body1["results"]!.AsArray().Select(e => Num(e!["course_id"])));
        var next = new Uri(Str(body1["next"]));
        Assert.Equal("/api/enrollments/", next.AbsolutePath);
        Assert.Contains("page_size=2", next.Query, StringComparison.Ordinal);
        Assert.Contains("page=2", next.Query, StringComparison.Ordinal);
        Assert.Null(body1["previous"]);
        await Contract.Match(page1, "first-page");

        var page2 = await student.GetAsync(next.PathAndQuery);

        var body2 = await Json(page2);
        Assert.Equal([courses[0]], body2["results"]!.AsArray().Select(e => Num(e!["course_id"])));
        Assert.Null(body2["next"]);
        Assert.NotNull(body2["previous"]);
    }

    [Fact]
    public async Task List_with_an_invalid_page_size_returns_400_naming_it()
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync("/api/enrollments/?page_size=lots");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.NotNull(body["details"]!["page_size"]);
        await Contract.Match(response, "invalid-page-size");
    }

    [Fact]
    public async Task List_anonymously_returns_401()
    {
        var response = await Anonymous().GetAsync("/api/enrollments/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json(response), "NOT_AUTHENTICATED");
    }
}
