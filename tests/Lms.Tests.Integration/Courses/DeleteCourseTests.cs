using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Courses;

/// <summary>003 <c>DELETE /api/courses/{id}/</c>: the instructor or an admin; never a course with enrollments.</summary>
public sealed class DeleteCourseTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task The_instructor_deletes_a_course_with_204_and_it_is_gone()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);

        var response = await teacher.DeleteAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await Contract.Match(response, "deleted");
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/api/courses/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await AsAdmin()).GetAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_courses_slug_can_be_used_again()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"/api/courses/{id}/")).StatusCode);

        var again = await teacher.PostAsJsonAsync("/api/courses/", new { title = "Django Basics", slug = "django-basics" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Another_teacher_gets_403_and_the_course_stays()
    {
        var (owner, _, _) = await NewUser("teacher");
        var (other, _, _) = await NewUser("teacher");
        var id = await NewCourse(owner, "django-basics");

        var response = await other.DeleteAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await Json(response))["error_code"]!.GetValue<string>());
        await Contract.Match(response, "not-owner");
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Fact]
    public async Task A_student_gets_403_on_a_published_course()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");
        var (student, _, _) = await NewUser("student");

        var response = await student.DeleteAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Fact]
    public async Task A_course_with_an_enrollment_returns_409_and_still_exists()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");
        var (student, _, _) = await NewUser("student");
        var enrolled = await student.PostAsJsonAsync("/api/enrollments/", new { course_id = id });
        Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);

        var response = await teacher.DeleteAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("CONFLICT", (await Json(response))["error_code"]!.GetValue<string>());
        await Contract.Match(response, "has-enrollments");
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync($"/api/courses/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await AsAdmin()).DeleteAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401_and_the_course_stays()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await Anonymous().DeleteAsync($"/api/courses/{id}/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("NOT_AUTHENTICATED", (await Json(response))["error_code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Fact]
    public async Task An_admin_deletes_any_teachers_course()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await (await AsAdmin()).DeleteAsync($"/api/courses/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_id_returns_404()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.DeleteAsync("/api/courses/987654/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
