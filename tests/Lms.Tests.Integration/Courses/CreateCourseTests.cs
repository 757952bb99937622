using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Courses;

/// <summary>003 <c>POST /api/courses/</c>: teachers and admins create drafts; input is checked field by field.</summary>
public sealed class CreateCourseTests(LmsApiFactory factory) : ApiTest(factory)
{
    private static readonly object DjangoBasics = new
    {
        title = "Django Basics", slug = "django-basics", description = "Learn Django fundamentals", category = "Web Development",
        level = "beginner", duration_weeks = 4,
    };

    [Fact]
    public async Task A_teacher_creates_a_draft_course_and_gets_201_with_its_location()
    {
        var (teacher, teacherId, _) = await NewUser("teacher");

        var response = await teacher.PostAsJsonAsync("/api/courses/", DjangoBasics);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        var id = body["id"]!.GetValue<long>();
        Assert.Equal($"/api/courses/{id}/", response.Headers.Location!.OriginalString);
        Assert.Equal("Django Basics", body["title"]!.GetValue<string>());
        Assert.Equal("django-basics", body["slug"]!.GetValue<string>());
        Assert.Equal("Web Development", body["category"]!.GetValue<string>());
        Assert.Equal("beginner", body["level"]!.GetValue<string>());
        Assert.Equal(4, body["duration_weeks"]!.GetValue<int>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        Assert.Equal(teacherId, body["instructor"]!["id"]!.GetValue<long>());
        await Contract.Match(response, "created");

        var stored = await teacher.GetAsync($"/api/courses/{id}/");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal("Learn Django fundamentals", (await Json(stored))["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_admin_can_create_a_course()
    {
        var response = await (await AsAdmin()).PostAsJsonAsync("/api/courses/", DjangoBasics);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("draft", (await Json(response))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_student_gets_403_and_nothing_is_created()
    {
        var (student, _, _) = await NewUser("student");

        var response = await student.PostAsJsonAsync("/api/courses/", DjangoBasics);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await Json(response))["error_code"]!.GetValue<string>());
        await Contract.Match(response, "student");
        var all = await Json(await (await AsAdmin()).GetAsync("/api/courses/"));
        Assert.Equal(0, all["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/courses/", DjangoBasics);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("NOT_AUTHENTICATED", (await Json(response))["error_code"]!.GetValue<string>());
        await Contract.Match(response, "anonymous");
    }

    [Fact]
    public async Task A_duplicate_slug_returns_409_conflict_naming_the_slug()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var (other, _, _) = await NewUser("teacher");
        await NewCourse(other, "django-basics", publish: false);

        var response = await teacher.PostAsJsonAsync("/api/courses/", DjangoBasics);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("CONFLICT", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["slug"]);
        await Contract.Match(response, "duplicate-slug");
    }

    [Fact]
    public async Task Concurrent_creates_with_one_slug_leave_exactly_one_course()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => teacher.PostAsJsonAsync("/api/courses/", DjangoBasics)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var all = await Json(await teacher.GetAsync("/api/courses/"));
        Assert.Equal(1, all["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_missing_title_returns_400_naming_it()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsJsonAsync("/api/courses/", new { slug = "no-title", level = "beginner" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.Equal(["title"], body["details"]!.AsObject().Select(kv => kv.Key));
        await Contract.Match(response, "missing-title");
    }

    [Theory]
    [InlineData("""{"title": "T", "slug": "bad slug!"}""", "slug")]
    [InlineData("""{"title": "T", "slug": "ünïcode"}""", "slug")]
    [InlineData("""{"title": "T", "level": "expert"}""", "level")]
    [InlineData("""{"title": "T", "level": "intermediate,advanced"}""", "level")]
    [InlineData("""{"title": "T", "level": "2"}""", "level")]
    [InlineData("""{"title": "T", "duration_weeks": 0}""", "duration_weeks")]
    [InlineData("""{"title": "T", "duration_weeks": -3}""", "duration_weeks")]
    [InlineData("""{"title": "T", "duration_weeks": 521}""", "duration_weeks")]
    [InlineData("""{"title": "T", "duration_weeks": 99999999999}""", "duration_weeks")]
    [InlineData("""{"title": "T", "duration_weeks": "4"}""", "duration_weeks")]
    [InlineData("""{"title": "T", "duration_weeks": 2.5}""", "duration_weeks")]
    [InlineData("""{"title": 42}""", "title")]
    public async Task An_invalid_field_returns_400_naming_that_field_and_creates_nothing(string json, string field)
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsync("/api/courses/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.Equal([field], body["details"]!.AsObject().Select(kv => kv.Key));
        var all = await Json(await teacher.GetAsync("/api/courses/"));
        Assert.Equal(0, all["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Out_of_range_duration_has_the_003_validation_shape()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsync("/api/courses/", RawJson("""{"title": "T", "slug": "bad slug", "duration_weeks": 0}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "invalid-fields");
    }

    [Fact]
    public async Task A_string_for_duration_weeks_returns_400_asking_for_an_integer()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsync("/api/courses/", RawJson("""{"title": "T", "duration_weeks": "four"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A valid integer is required.", (await Json(response))["details"]!["duration_weeks"]![0]!.GetValue<string>());
        await Contract.Match(response, "wrong-type");
    }

    [Fact]
    public async Task An_unknown_field_returns_400_naming_it()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsync("/api/courses/", RawJson("""{"title": "T", "price": "19.99"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["price"], body["details"]!.AsObject().Select(kv => kv.Key));
        await Contract.Match(response, "unknown-field");
    }

    [Fact]
    public async Task A_status_in_the_body_is_refused_so_a_new_course_cannot_start_published()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsync("/api/courses/", RawJson("""{"title": "T", "status": "published"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["details"]!["status"]);
    }

    [Fact]
    public async Task Malformed_json_returns_400_parse_error()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsync("/api/courses/", RawJson("""{"title": "T",""" ));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("PARSE_ERROR", (await Json(response))["error_code"]!.GetValue<string>());
        await Contract.Match(response, "malformed-json");
    }

    [Fact]
    public async Task Without_a_slug_one_is_generated_from_the_title_and_defaults_fill_the_rest()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsJsonAsync("/api/courses/", new { title = "  Intro to C# & .NET 10!  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("intro-to-c-net-10", body["slug"]!.GetValue<string>());
        Assert.Equal("Intro to C# & .NET 10!", body["title"]!.GetValue<string>());
        Assert.Equal("beginner", body["level"]!.GetValue<string>());
        Assert.Equal(1, body["duration_weeks"]!.GetValue<int>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_generated_slug_that_is_taken_returns_409()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "django-basics", publish: false);

        var response = await teacher.PostAsJsonAsync("/api/courses/", new { title = "Django Basics" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Create_answers_without_the_trailing_slash()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.PostAsJsonAsync("/api/courses", DjangoBasics);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
