using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Courses;

/// <summary>003 <c>GET /api/courses/</c>: the page envelope, paging, search, filters and who sees what.</summary>
public sealed class ListCoursesTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task List_returns_the_page_envelope_with_a_next_link_and_no_previous_on_page_one()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "django-basics");
        await NewCourse(teacher, "flask-basics", title: "Flask Basics");

        var response = await Anonymous().GetAsync("/api/courses/?page_size=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(2, body["count"]!.GetValue<long>());
        Assert.Null(body["previous"]);
        var next = new Uri(body["next"]!.GetValue<string>());
        Assert.Equal("/api/courses/", next.AbsolutePath);
        Assert.Contains("page=2", next.Query, StringComparison.Ordinal);
        Assert.Contains("page_size=1", next.Query, StringComparison.Ordinal);
        Assert.Single(body["results"]!.AsArray());
        await Contract.Match(response, "page-one");
    }

    [Fact]
    public async Task Following_next_reaches_the_last_page_which_links_back_and_has_no_next()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "one", title: "One");
        await NewCourse(teacher, "two", title: "Two");
        await NewCourse(teacher, "three", title: "Three");
        var client = Anonymous();

        var first = await Json(await client.GetAsync("/api/courses/?page_size=2"));
        var last = await client.GetAsync(first["next"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var body = await Json(last);
        Assert.Equal(3, body["count"]!.GetValue<long>());
        Assert.Null(body["next"]);
        var previous = new Uri(body["previous"]!.GetValue<string>());
        Assert.Contains("page=1", previous.Query, StringComparison.Ordinal);
        Assert.Contains("page_size=2", previous.Query, StringComparison.Ordinal);
        Assert.Equal("One", Assert.Single(body["results"]!.AsArray())!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Next_link_keeps_the_search_and_filter_parameters()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "python-one", title: "Python One", level: "advanced");
        await NewCourse(teacher, "python-two", title: "Python Two", level: "advanced");

        var body = await Json(await Anonymous().GetAsync("/api/courses/?search=python&level=advanced&page_size=1"));

        var next = new Uri(body["next"]!.GetValue<string>()).Query;
        Assert.Contains("search=python", next, StringComparison.Ordinal);
        Assert.Contains("level=advanced", next, StringComparison.Ordinal);
        Assert.Contains("page=2", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_size_defaults_to_20()
    {
        var admin = await AsAdmin();
        await NewDrafts(admin, 21);

        var body = await Json(await admin.GetAsync("/api/courses/"));

        Assert.Equal(21, body["count"]!.GetValue<long>());
        Assert.Equal(20, body["results"]!.AsArray().Count);
        Assert.NotNull(body["next"]);
    }

    [Fact]
    public async Task Page_size_above_100_is_clamped_to_100()
    {
        var admin = await AsAdmin();
        await NewDrafts(admin, 101);

        var response = await admin.GetAsync("/api/courses/?page_size=500");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(101, body["count"]!.GetValue<long>());
        Assert.Equal(100, body["results"]!.AsArray().Count);
        Assert.Contains("page=2", body["next"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=ten", "page_size")]
    public async Task Invalid_page_or_page_size_returns_400_naming_the_parameter(string query, string field)
    {
        var response = await Anonymous().GetAsync($"/api/courses/?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]![field]);
    }

    [Fact]
    public async Task Invalid_page_error_has_the_003_validation_shape()
    {
        var response = await Anonymous().GetAsync("/api/courses/?page=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "invalid-page");
    }

    [Fact]
    public async Task Search_matches_title_and_description_case_insensitively()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var inTitle = await NewCourse(teacher, "react", title: "React for Beginners", description: "Components and hooks");
        var inDescription = await NewCourse(teacher, "frontend", title: "Frontend Tooling", description: "Bundling a REACT app with Vite");
        await NewCourse(teacher, "sql", title: "SQL Basics", description: "Joins and indexes");

        var body = await Json(await Anonymous().GetAsync("/api/courses/?search=rEaCt"));

        Assert.Equal(2, body["count"]!.GetValue<long>());
        Assert.Equal([inDescription, inTitle], Ids(body).Order().Reverse());
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_literal_characters()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var literal = await NewCourse(teacher, "discounts", title: "Save 100% on tuition", description: "Scholarships");
        await NewCourse(teacher, "sql", title: "SQL Basics", description: "Joins and indexes");

        var percent = await Json(await Anonymous().GetAsync("/api/courses/?search=%25"));
        var underscore = await Json(await Anonymous().GetAsync("/api/courses/?search=_"));

        Assert.Equal([literal], Ids(percent));
        Assert.Equal(0, underscore["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Level_filter_returns_only_that_level()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "basics", level: "beginner");
        var advanced = await NewCourse(teacher, "internals", title: "Django Internals", level: "advanced");

        var body = await Json(await Anonymous().GetAsync("/api/courses/?level=Advanced"));

        Assert.Equal([advanced], Ids(body));
        Assert.Equal("advanced", body["results"]![0]!["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_filter_returns_only_that_status()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "published-one");
        var draft = await NewCourse(teacher, "draft-one", publish: false);

        var body = await Json(await teacher.GetAsync("/api/courses/?status=draft"));

        Assert.Equal([draft], Ids(body));
    }

    [Theory]
    [InlineData("level=expert", "level")]
    [InlineData("level=1", "level")]
    [InlineData("level=beginner,advanced", "level")]
    [InlineData("status=deleted", "status")]
    public async Task Invalid_level_or_status_filter_returns_400_naming_the_field(string query, string field)
    {
        var response = await Anonymous().GetAsync($"/api/courses/?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.Equal([field], body["details"]!.AsObject().Select(kv => kv.Key));
    }

    [Fact]
    public async Task Invalid_level_error_has_the_003_validation_shape()
    {
        var response = await Anonymous().GetAsync("/api/courses/?level=expert");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "invalid-level");
    }

    [Fact]
    public async Task Anonymous_callers_and_students_see_only_published_courses()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var published = await NewCourse(teacher, "published-one");
        await NewCourse(teacher, "draft-one", publish: false);
        var (student, _, _) = await NewUser("student");

        var anonymous = await Json(await Anonymous().GetAsync("/api/courses/"));
        var asStudent = await Json(await student.GetAsync("/api/courses/"));
        var draftsForStudent = await Json(await student.GetAsync("/api/courses/?status=draft"));

        Assert.Equal([published], Ids(anonymous));
        Assert.Equal([published], Ids(asStudent));
        Assert.Equal(0, draftsForStudent["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_teacher_sees_published_courses_and_own_drafts_but_not_other_teachers_drafts()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var (other, _, _) = await NewUser("teacher");
        var othersPublished = await NewCourse(other, "others-published");
        await NewCourse(other, "others-draft", publish: false);
        var ownDraft = await NewCourse(teacher, "own-draft", publish: false);

        var body = await Json(await teacher.GetAsync("/api/courses/"));

        Assert.Equal(2, body["count"]!.GetValue<long>());
        Assert.Equal([ownDraft, othersPublished], Ids(body));
    }

    [Fact]
    public async Task An_admin_sees_every_course_whatever_its_status()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var (other, _, _) = await NewUser("teacher");
        var a = await NewCourse(teacher, "draft-a", publish: false);
        var b = await NewCourse(other, "draft-b", publish: false);
        var c = await NewCourse(other, "published-c");

        var body = await Json(await (await AsAdmin()).GetAsync("/api/courses/"));

        Assert.Equal([c, b, a], Ids(body));
    }

    [Fact]
    public async Task Courses_are_listed_newest_first()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var first = await NewCourse(teacher, "first", title: "First");
        var second = await NewCourse(teacher, "second", title: "Second");
        var third = await NewCourse(teacher, "third", title: "Third");

        var body = await Json(await Anonymous().GetAsync("/api/courses/"));

        Assert.Equal([third, second, first], Ids(body));
    }

    [Fact]
    public async Task List_answers_without_the_trailing_slash()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var id = await NewCourse(teacher, "django-basics");

        var response = await Anonymous().GetAsync("/api/courses?page=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([id], Ids(await Json(response)));
    }

    private static List<long> Ids(JsonNode page) => page["results"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToList();

    private static async Task NewDrafts(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync("/api/courses/", new { title = $"Course {i}", slug = $"course-{i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }
}
