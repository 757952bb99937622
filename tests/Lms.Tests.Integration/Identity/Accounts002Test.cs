using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity;

/// <summary>Helpers for 002's account routes: sign up and sign in the way a 002 client does.</summary>
public abstract class Accounts002Test(LmsApiFactory factory) : ApiTest(factory)
{
    protected const string Password = "SecurePass123!";
    private int _students;

    protected static object Registration(string email, string fullName = "John Doe", string? phone = null,
        string guardianPhone = "+201234567891", string grade = "Grade 10", string password = Password, string? password2 = null) => new
    {
        email, password, password2 = password2 ?? password, full_name = fullName, phone, guardian_phone = guardianPhone, grade,
    };

    protected async Task<JsonNode> Register002(object body)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/auth/register/", body);
        var json = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register failed: {(int)response.StatusCode} {json}");
        return json;
    }

    /// <summary>Signs in through 002's login; returns the access and refresh tokens.</summary>
    protected async Task<(string Access, string Refresh)> Login002(string email, string password = Password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email, password });
        var json = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login failed: {(int)response.StatusCode} {json}");
        return (json["access"]!.GetValue<string>(), json["refresh"]!.GetValue<string>());
    }

    /// <summary>A 002 student signed in; returns its client, id and e-mail.</summary>
    protected async Task<(HttpClient Client, long Id, string Email)> NewStudent002(string fullName = "John Doe", string grade = "Grade 10",
        string? phone = null)
    {
        var n = Interlocked.Increment(ref _students);
        var email = $"pupil{n}@example.com";
        var created = await Register002(Registration(email, fullName, phone, grade: grade));
        var (access, _) = await Login002(email);
        return (As(access), created["id"]!.GetValue<long>(), email);
    }

    protected static string[] Keys(JsonNode? node) => node!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();

    protected static string[] Messages(JsonNode body, string field) =>
        body[field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();

    /// <summary>A DRF error body: only the given keys, nothing of 003's envelope or 004's.</summary>
    protected static void AssertDrfOnly(JsonNode body, params string[] keys) =>
        Assert.Equal(keys.Order(StringComparer.Ordinal).ToArray(), Keys(body));

    /// <summary>Deactivates or reactivates an account (no route does this yet, so it is written directly).</summary>
    protected async Task SetActive(long id, bool active)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("1");
        var user = await session.LoadAsync<User>(id);
        user!.IsActive = active;
        session.Store(user);
        await session.SaveChangesAsync();
    }
}
