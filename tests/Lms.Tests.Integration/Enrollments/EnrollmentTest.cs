using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Features.Courses;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Enrollments;

/// <summary>Helpers shared by the 003 enrollment and progress tests.</summary>
public abstract class EnrollmentTest(LmsApiFactory factory) : ApiTest(factory)
{
    /// <summary>
    /// Stores lessons for a course, in the default client's tenant "1". Lessons have no HTTP endpoint yet (they come
    /// with a later issue), so this is the one place these tests write documents behind the API's back.
    /// Returns the lesson ids in the order the titles were given; a lesson's <c>Order</c> is its position in
    /// <paramref name="orders"/> when given, else its position in <paramref name="titles"/>.
    /// </summary>
    protected async Task<IReadOnlyList<long>> AddLessons(long courseId, string[] titles, int[]? orders = null)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("1");
        var lessons = titles.Select((title, i) => new Lesson
        {
            CourseId = courseId, Title = title, Order = orders?[i] ?? i + 1, DurationMinutes = 10, CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        session.Store(lessons.ToArray());
        await session.SaveChangesAsync();
        return lessons.Select(l => l.Id).ToList();
    }

    /// <summary>A published course (taught by a fresh teacher) with the given number of lessons.</summary>
    protected async Task<long> PublishedCourseWithLessons(string slug, int lessons)
    {
        var (teacher, _, _) = await NewUser("teacher");
        var courseId = await NewCourse(teacher, slug);
        if (lessons > 0) await AddLessons(courseId, Enumerable.Range(1, lessons).Select(i => $"Lesson {i}").ToArray());
        return courseId;
    }

    protected static Task<HttpResponseMessage> Enroll(HttpClient student, long courseId) =>
        student.PostAsJsonAsync("/api/enrollments/", new { course_id = courseId });

    protected static async Task<JsonNode> EnrollOk(HttpClient student, long courseId)
    {
        var response = await Enroll(student, courseId);
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"enroll failed: {(int)response.StatusCode} {body}");
        return body;
    }

    protected static async Task<JsonNode> ProgressOk(HttpClient student, long courseId)
    {
        var response = await student.GetAsync($"/api/progress/?course_id={courseId}");
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"get progress failed: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>The progress record ids of a course, in lesson order.</summary>
    protected static async Task<IReadOnlyList<long>> ProgressIds(HttpClient student, long courseId) =>
        (await ProgressOk(student, courseId))["results"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToList();

    protected static Task<HttpResponseMessage> PutProgress(HttpClient student, long id, object body) =>
        student.PutAsJsonAsync($"/api/progress/{id}/", body);

    /// <summary>The caller's enrollment in a course, as <c>GET /api/enrollments/</c> shows it.</summary>
    protected static async Task<JsonNode> MyEnrollment(HttpClient student, long courseId)
    {
        var response = await student.GetAsync("/api/enrollments/?page_size=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var matches = (await Json(response))["results"]!.AsArray().Where(e => e!["course_id"]!.GetValue<long>() == courseId).ToList();
        return Assert.Single(matches)!;
    }

    protected static void AssertError(JsonNode body, string errorCode)
    {
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal(errorCode, body["error_code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));
        Assert.NotNull(body["details"]);
    }

    protected static string Str(JsonNode? node) => node!.GetValue<string>();

    protected static long Num(JsonNode? node) => node!.GetValue<long>();
}
