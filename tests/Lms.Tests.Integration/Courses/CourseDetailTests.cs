using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Courses;

/// <summary>003 <c>GET /api/courses/{id}/</c>: published courses are public, drafts only for their instructor and admins.</summary>
public sealed class CourseDetailTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task A_published_course_is_visible_anonymously_with_its_instructor()
    {
        var (teacher, teacherId, username) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await Anonymous().GetAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(id, body["id"]!.GetValue<long>());
        Assert.Equal("django-basics", body["slug"]!.GetValue<string>());
        Assert.Equal("published", body["status"]!.GetValue<string>());
        Assert.Equal(teacherId, body["instructor"]!["id"]!.GetValue<long>());
        Assert.Equal(username, body["instructor"]!["username"]!.GetValue<string>());
        await Contract.Match(response, "published");
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("student")]
    [InlineData("other-teacher")]
    public async Task A_draft_is_404_for_anyone_but_its_instructor_and_admins(string who)
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "secret-draft", publish: false);
        var client = who switch
        {
            "anonymous" => Anonymous(),
            "student" => (await NewUser("student")).Client,
            _ => (await NewUser("teacher")).Client,
        };

        var response = await client.GetAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await Json(response))["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_draft_is_visible_to_its_instructor_and_to_an_admin()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "own-draft", publish: false);

        var owner = await teacher.GetAsync($"/api/courses/{id}/");
        var admin = await (await AsAdmin()).GetAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("draft", (await Json(owner))["status"]!.GetValue<string>());
        Assert.Equal(id, (await Json(admin))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_unknown_id_returns_404_in_the_003_envelope()
    {
        var response = await Anonymous().GetAsync("/api/courses/987654/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("NOT_FOUND", body["error_code"]!.GetValue<string>());
        await Contract.Match(response, "unknown-id");
    }

    [Theory]
    [InlineData("/api/courses/abc/")]
    [InlineData("/api/courses/1.5/")]
    [InlineData("/api/courses/99999999999999999999999/")]
    public async Task A_non_integer_id_returns_404_not_500(string path)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await Json(response))["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_path_that_matches_no_route_answers_in_the_003_envelope()
    {
        var response = await Anonymous().GetAsync("/api/courses/abc/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Contract.Match(response, "no-route");
    }

    [Fact]
    public async Task Detail_answers_without_the_trailing_slash()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await Anonymous().GetAsync($"/api/courses/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await Json(response))["id"]!.GetValue<long>());
    }
}
