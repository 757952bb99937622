using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Enrollments;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity;

/// <summary>
/// Helpers for 004's user-management tests (1.12–1.21). Teachers and students are registered through 003 (the 004 sign-up
/// routes are another slice's), students join through 004's join-teacher.
/// </summary>
public abstract class TeacherStudentsTest(LmsApiFactory factory) : EnrollmentTest(factory)
{
    protected sealed record Student(HttpClient Client, long Id, string Username, Guid Key);

    protected Task<(HttpClient Client, long Id, string Username)> NewTeacher() => NewUser("teacher");

    /// <summary>A student with the given name who has joined the teacher; <c>Key</c> is the uuid 004 shows.</summary>
    protected async Task<Student> JoinedStudent(string teacherUsername, string firstName = "Test", string lastName = "Student")
    {
        var (client, id, username) = await NewUser();
        await Named(client, firstName, lastName);
        await JoinOk(client, teacherUsername);
        var profile = await Ok(await client.GetAsync($"/api/student/student-profile/{teacherUsername}/"));
        return new Student(client, id, username, Guid.Parse(Str(profile["id"])));
    }

    protected static async Task Named(HttpClient student, string firstName, string lastName) =>
        await Ok(await student.PatchAsJsonAsync("/api/student/update-profile/", new { first_name = firstName, last_name = lastName }));

    protected static Task<HttpResponseMessage> Join(HttpClient student, string teacherUsername) =>
        student.PostAsync($"/api/join-teacher/{teacherUsername}/", null);

    protected static async Task JoinOk(HttpClient student, string teacherUsername)
    {
        var response = await Join(student, teacherUsername);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"join failed: {(int)response.StatusCode} {await Json(response)}");
    }

    protected static async Task<JsonNode> Ok(HttpResponseMessage response)
    {
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>004's error body: <c>error</c> and <c>detail</c>, nothing of the other documents' formats.</summary>
    protected static async Task<JsonObject> Error004(HttpResponseMessage response, HttpStatusCode status, string error, string? detail = null)
    {
        var body = (await Json(response)).AsObject();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.Equal(error, Str(body["error"]));
        if (detail is not null) Assert.Equal(detail, Str(body["detail"]));
        Assert.False(body.ContainsKey("success"));
        Assert.False(body.ContainsKey("error_code"));
        return body;
    }

    /// <summary>004's validation body: the field dict, the same under <c>field_errors</c>, with the error title.</summary>
    protected static async Task<JsonObject> FieldErrors(HttpResponseMessage response, string field, string message)
    {
        var body = (await Json(response)).AsObject();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode} {body}");
        Assert.Equal(message, Str(body[field]![0]));
        Assert.Equal(message, Str(body["field_errors"]![field]![0]));
        Assert.True(body.ContainsKey("error"));
        return body;
    }

    protected static string? StrOrNull(JsonNode? node) => node?.GetValue<string>();

    /// <summary>The teacher's students list (first page unless the query says otherwise).</summary>
    protected static async Task<JsonNode> Students(HttpClient teacher, string query = "") =>
        await Ok(await teacher.GetAsync($"/api/teacher/get_students/{query}"));

    protected static List<string> Usernames(JsonNode page) =>
        page["results"]!.AsArray().Select(r => Str(r!["student"]!["user"]!["username"])).ToList();

    /// <summary>
    /// <see cref="Contract.Match"/> with this area's changing values (join times, activity times, upload URLs) replaced by
    /// placeholders: the shared scrubber does not know these keys.
    /// </summary>
    protected static Task Snap(HttpResponseMessage response, string name) => SnapDocumented(response, name);

    /// <summary><see cref="Snap"/> through <see cref="Contract.MatchDocumented"/>: the app-only fields left out.</summary>
    protected static async Task SnapDocumented(HttpResponseMessage response, string name, params string[] appOnly)
    {
        var text = await response.Content.ReadAsStringAsync();
        var node = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
        Scrub(node);
        var copy = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(node?.ToJsonString() ?? "") };
        copy.Content.Headers.ContentType = response.Content.Headers.ContentType;
        foreach (var (key, values) in response.Headers) copy.Headers.TryAddWithoutValidation(key, values);
        await Contract.MatchDocumented(copy, name, appOnly);
    }

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue && key is "last_activity") o[key] = "<datetime>";
                    else if (value is JsonValue && key is "enrollment_date") o[key] = "<date>";
                    else if (value is JsonValue && key is "avatar" or "logo" or "profile_picture") o[key] = "<url>";
                    else Scrub(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Scrub(item);
                break;
        }
    }
}
