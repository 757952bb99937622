using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lms.Tests.Integration.Infrastructure;
using MimeKit;

namespace Lms.Tests.Integration.Identity;

/// <summary>Helpers for 000's /api/auth/ routes: registration and sign-in through 000 itself.</summary>
public abstract partial class Accounts000Test(LmsApiFactory factory) : ApiTest(factory)
{
    protected const string Password = "Sturdy-Pass-2026";

    protected static JsonObject Registration(string username, string? email = null, string? userType = "student",
        string? phone = null, string password = Password, string? confirm = null) => new()
    {
        ["username"] = username,
        ["email"] = email ?? $"{username}@example.com",
        ["password"] = password,
        ["password_confirm"] = confirm ?? password,
        ["first_name"] = "John",
        ["last_name"] = "Doe",
        ["user_type"] = userType,
        ["phone"] = phone,
    };

    protected static StringContent Body(JsonNode json) => RawJson(json.ToJsonString());

    protected Task<HttpResponseMessage> PostRegister(JsonObject registration, HttpClient? client = null) =>
        (client ?? Anonymous()).PostAsync("/api/auth/register/", Body(registration));

    /// <summary>Registers through 000 (201 asserted) and returns the created user.</summary>
    protected async Task<JsonNode> Register(JsonObject registration, HttpClient? client = null)
    {
        var response = await PostRegister(registration, client);
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register failed: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Signs in through 000's login and returns the access token.</summary>
    protected async Task<string> SignIn000(string username, string password = Password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username, password });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login failed: {(int)response.StatusCode} {body}");
        return body["access"]!.GetValue<string>();
    }

    /// <summary>Registers a 000 user of the given type (an admin registers admins) and signs in.</summary>
    protected async Task<(HttpClient Client, long Id)> User000(string username, string userType = "student")
    {
        var created = await Register(Registration(username, userType: userType), userType == "admin" ? await AsAdmin() : null);
        return (As(await SignIn000(username)), created["id"]!.GetValue<long>());
    }

    /// <summary>The token in a verification e-mail's text (the link's query string).</summary>
    protected static string TokenIn(MimeMessage message) =>
        VerifyLink().Match(message.TextBody ?? "") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("no verification link in: " + message.TextBody);

    /// <summary>The response with its JSON body changed (random file names in URLs), for a stable contract snapshot.</summary>
    protected static async Task<HttpResponseMessage> WithBody(HttpResponseMessage response, Action<JsonObject> change)
    {
        var body = (await Json(response)).AsObject();
        change(body);
        var copy = new HttpResponseMessage(response.StatusCode)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, values) in response.Headers) copy.Headers.TryAddWithoutValidation(name, values);
        return copy;
    }

    protected static List<string> Messages(JsonNode body, string field) =>
        body[field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();

    [GeneratedRegex(@"/verify-email\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex VerifyLink();
}
