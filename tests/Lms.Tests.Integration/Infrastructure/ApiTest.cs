using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// Base for HTTP tests: data is reset before each test; helpers arrange through the API itself.
/// </summary>
[Collection(ApiGroup.Name)]
public abstract class ApiTest(LmsApiFactory factory) : IAsyncLifetime
{
    protected LmsApiFactory Factory { get; } = factory;
    private int _users;

    public Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected HttpClient Anonymous() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    protected HttpClient As(string accessToken)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    protected async Task<HttpClient> AsAdmin() => As(await Login(LmsApiFactory.AdminUsername, LmsApiFactory.AdminPassword));

    protected async Task<string> Login(string username, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username, password });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login failed: {(int)response.StatusCode} {body}");
        return body["access"]!.GetValue<string>();
    }

    /// <summary>Registers a user through 003 and signs in; returns the client and the user's id.</summary>
    protected async Task<(HttpClient Client, long Id, string Username)> NewUser(string role = "student")
    {
        var n = Interlocked.Increment(ref _users);
        var username = $"{role}{n}";
        const string password = "Sturdy-Pass-2026";
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", new
        {
            username, email = $"{username}@example.com", password, first_name = "Test", last_name = role, role = role == "admin" ? null : role,
        });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register failed: {(int)response.StatusCode} {body}");
        return (As(await Login(username, password)), body["id"]!.GetValue<long>(), username);
    }

    /// <summary>Creates a course as the given teacher and, when asked, has the admin publish it.</summary>
    protected async Task<long> NewCourse(HttpClient teacher, string slug, bool publish = true, string title = "Django Basics",
        string description = "Learn Django fundamentals", string level = "beginner")
    {
        var response = await teacher.PostAsJsonAsync("/api/courses/", new
        {
            title, slug, description, category = "Web Development", level, duration_weeks = 4,
        });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create course failed: {(int)response.StatusCode} {body}");
        var id = body["id"]!.GetValue<long>();
        if (publish)
        {
            var admin = await AsAdmin();
            var published = await admin.PutAsJsonAsync($"/api/courses/{id}/", new { status = "published" });
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        return id;
    }

    /// <summary>
    /// Sends two POSTs at the same instant (bodies serialised first, then released together by one gate), so the two
    /// requests race in the app: double submits, duplicate registrations, last seat.
    /// </summary>
    protected async Task<(HttpResponseMessage A, HttpResponseMessage B)> RacePosts(string path, object first, object second)
    {
        using var start = new SemaphoreSlim(0, 2);
        var a = Send(first);
        var b = Send(second);
        start.Release(2);
        var results = await Task.WhenAll(a, b);
        return (results[0], results[1]);

        async Task<HttpResponseMessage> Send(object body)
        {
            var client = Anonymous();
            var content = JsonContent.Create(body);
            await content.LoadIntoBufferAsync();
            await start.WaitAsync();
            return await client.PostAsync(path, content);
        }
    }

    protected static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    protected static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    protected static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
