using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Courses;

/// <summary>
/// 003 <c>PUT /api/courses/{id}/</c>: the instructor or an admin changes the fields sent; only an admin publishes.
/// A course the caller may not see is 404 (Course.IsVisibleTo), one the caller sees but may not edit is 403 (IsEditableBy).
/// </summary>
public sealed class UpdateCourseTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task The_instructor_changes_only_the_fields_sent()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);
        var before = await Json(await teacher.GetAsync($"/api/courses/{id}/"));

        var response = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { title = "Django Deep Dive", duration_weeks = 8 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("Django Deep Dive", body["title"]!.GetValue<string>());
        Assert.Equal(8, body["duration_weeks"]!.GetValue<int>());
        foreach (var kept in new[] { "slug", "description", "category", "level", "status", "created_at" })
            Assert.Equal(before[kept]!.ToJsonString(), body[kept]!.ToJsonString());
        Assert.Equal(body.ToJsonString(), (await Json(await teacher.GetAsync($"/api/courses/{id}/"))).ToJsonString());
        await Contract.Match(response, "updated");
    }

    [Fact]
    public async Task Another_teacher_gets_403_on_a_published_course()
    {
        var (owner, _, _) = await NewUser("teacher");
        var (other, _, _) = await NewUser("teacher");
        var id = await NewCourse(owner, "django-basics");

        var response = await other.PutAsJsonAsync($"/api/courses/{id}/", new { title = "Hijacked" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await Json(response))["error_code"]!.GetValue<string>());
        await Contract.Match(response, "not-owner");
        Assert.Equal("Django Basics", (await Json(await Anonymous().GetAsync($"/api/courses/{id}/")))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_teacher_gets_404_on_a_draft_they_cannot_see()
    {
        var (owner, _, _) = await NewUser("teacher");
        var (other, _, _) = await NewUser("teacher");
        var id = await NewCourse(owner, "django-basics", publish: false);

        var response = await other.PutAsJsonAsync($"/api/courses/{id}/", new { title = "Hijacked" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_student_gets_403_on_a_published_course_and_404_on_a_draft()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var published = await NewCourse(teacher, "published-one");
        var draft = await NewCourse(teacher, "draft-one", publish: false);
        var (student, _, _) = await NewUser("student");

        var onPublished = await student.PutAsJsonAsync($"/api/courses/{published}/", new { title = "Mine now" });
        var onDraft = await student.PutAsJsonAsync($"/api/courses/{draft}/", new { title = "Mine now" });

        Assert.Equal(HttpStatusCode.Forbidden, onPublished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onDraft.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await Anonymous().PutAsJsonAsync($"/api/courses/{id}/", new { title = "Anonymous edit" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_publishes_a_course_and_it_becomes_public()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/api/courses/{id}/")).StatusCode);

        var response = await (await AsAdmin()).PutAsJsonAsync($"/api/courses/{id}/", new { status = "published" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("published", (await Json(response))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync($"/api/courses/{id}/")).StatusCode);
    }

    [Theory]
    [InlineData("published")]
    [InlineData("rejected")]
    public async Task A_teacher_cannot_publish_or_reject_and_the_course_is_unchanged(string status)
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);
        var before = await Json(await teacher.GetAsync($"/api/courses/{id}/"));

        var response = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { title = "Renamed", status });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await Json(response))["error_code"]!.GetValue<string>());
        Assert.Equal(before.ToJsonString(), (await Json(await teacher.GetAsync($"/api/courses/{id}/"))).ToJsonString());
    }

    [Fact]
    public async Task A_teacher_publishing_gets_the_approval_message()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);

        var response = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { status = "published" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Contract.Match(response, "teacher-publish");
    }

    [Fact]
    public async Task A_teacher_submits_a_course_for_approval_and_later_archives_it()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);

        var pending = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { status = "pending" });
        var archived = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { status = "Archived" });

        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        Assert.Equal("pending", (await Json(pending))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal("archived", (await Json(await teacher.GetAsync($"/api/courses/{id}/")))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Taking_another_courses_slug_returns_409_and_changes_nothing()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "taken-slug", publish: false);
        var id = await NewCourse(teacher, "django-basics", publish: false);
        var before = await Json(await teacher.GetAsync($"/api/courses/{id}/"));

        var response = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { title = "Renamed", slug = "taken-slug" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("CONFLICT", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["slug"]);
        await Contract.Match(response, "slug-taken");
        Assert.Equal(before.ToJsonString(), (await Json(await teacher.GetAsync($"/api/courses/{id}/"))).ToJsonString());
    }

    [Fact]
    public async Task Sending_the_courses_own_slug_is_not_a_conflict()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);

        var response = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { slug = "django-basics", level = "advanced" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("advanced", (await Json(response))["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_id_returns_404()
    {
        var response = await (await AsAdmin()).PutAsJsonAsync("/api/courses/987654/", new { title = "Nothing" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await Json(response))["error_code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"title": "Renamed", "level": "expert"}""", "level")]
    [InlineData("""{"title": "Renamed", "status": "deleted"}""", "status")]
    [InlineData("""{"title": "Renamed", "duration_weeks": 0}""", "duration_weeks")]
    [InlineData("""{"title": "Renamed", "duration_weeks": "six"}""", "duration_weeks")]
    [InlineData("""{"title": "Renamed", "slug": "no spaces"}""", "slug")]
    [InlineData("""{"title": "   "}""", "title")]
    [InlineData("""{"title": "Renamed", "instructor_id": 1}""", "instructor_id")]
    public async Task A_rejected_update_returns_400_naming_the_field_and_leaves_every_field_as_it_was(string json, string field)
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);
        var before = await Json(await teacher.GetAsync($"/api/courses/{id}/"));

        var response = await teacher.PutAsync($"/api/courses/{id}/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.Equal([field], body["details"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(before.ToJsonString(), (await Json(await teacher.GetAsync($"/api/courses/{id}/"))).ToJsonString());
    }

    [Fact]
    public async Task A_rejected_update_has_the_003_validation_shape()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);

        var response = await teacher.PutAsync($"/api/courses/{id}/", RawJson("""{"title": "", "level": "expert", "status": "gone"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "invalid-fields");
    }

    [Fact]
    public async Task An_admin_edits_any_course_and_the_instructor_stays_the_same()
    {
        var (teacher, teacherId, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await (await AsAdmin()).PutAsJsonAsync($"/api/courses/{id}/", new { category = "Backend" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("Backend", body["category"]!.GetValue<string>());
        Assert.Equal(teacherId, body["instructor"]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Update_answers_without_the_trailing_slash()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics", publish: false);

        var response = await teacher.PutAsJsonAsync($"/api/courses/{id}", new { description = "New text" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("New text", (await Json(response))["description"]!.GetValue<string>());
    }
}
