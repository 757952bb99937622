using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using MimeKit;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity;

/// <summary>Arrangements for 004's account routes, made through those routes.</summary>
public abstract class Accounts004Test(LmsApiFactory factory) : ApiTest(factory)
{
    protected const string Password = "Sturdy-Pass-2026";
    private static int _phones;

    protected static string NewPhone() => "0100" + Interlocked.Increment(ref _phones).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    protected static object TeacherBody(string username, string? email = null, string? phone = null, string password = Password) => new
    {
        first_name = "Tess", last_name = "Teacher", username, email = email ?? $"{username}@example.com", phone = phone ?? NewPhone(),
        password1 = password, password2 = password,
    };

    protected static object StudentBody(string username, string? email = null, string password = Password) => new
    {
        first_name = "Sam", last_name = "Student", username, email = email ?? $"{username}@example.com", phone = NewPhone(),
        parent_phone = "01098765432", password1 = password, password2 = password,
    };

    protected async Task<JsonNode> RegisterTeacher(string username, string? email = null)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/teacher/teacher-register/", TeacherBody(username, email));
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"teacher registration failed: {(int)response.StatusCode} {body}");
        return body;
    }

    protected async Task<JsonNode> RegisterStudent(string teacher, string username, string? email = null)
    {
        var response = await Anonymous().PostAsJsonAsync($"/api/student/student-register/{teacher}/", StudentBody(username, email));
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"student registration failed: {(int)response.StatusCode} {body}");
        return body;
    }

    protected static Task<HttpResponseMessage> TeacherLogin(HttpClient client, string username, string password = Password) =>
        client.PostAsJsonAsync("/api/teacher/login/", new { username, password });

    protected static Task<HttpResponseMessage> StudentLogin(HttpClient client, string teacher, string username, string password = Password) =>
        client.PostAsJsonAsync($"/api/student/login/{teacher}/", new { username, password });

    /// <summary>Signs in through a 004 login and returns the body (access, refresh, user).</summary>
    protected static async Task<JsonNode> Tokens(HttpResponseMessage login)
    {
        var body = await Json(login);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login failed: {(int)login.StatusCode} {body}");
        return body;
    }

    /// <summary>
    /// <see cref="Mailbox.WaitForAsync"/>, retried while the e-mail job is still writing a file (the shared helper
    /// opens every .eml in the directory, and the job's MailKit write holds the file exclusively until it is done).
    /// </summary>
    protected async Task<MimeMessage> WaitForMail(string address, int count = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Factory.Mailbox.WaitForAsync(address, count);
            }
            catch (Exception e) when ((e is IOException or FormatException) && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The messages to the address so far, with the same retry as <see cref="WaitForMail"/>.</summary>
    protected async Task<IReadOnlyList<MimeMessage>> MailTo(string address)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Factory.Mailbox.To(address);
            }
            catch (Exception e) when ((e is IOException or FormatException) && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    protected static string Str(JsonNode? node) => node!.GetValue<string>();

    protected static string[] Messages(JsonNode body, string field) =>
        body[field]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();

    /// <summary>The Set-Cookie headers of a response, one per cookie.</summary>
    protected static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var v) ? v.ToArray() : [];

    protected static string Cookie(HttpResponseMessage response, string name) =>
        SetCookies(response).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    /// <summary>
    /// Blocks a student at a teacher by writing the link directly: arranged through the store because blocking is
    /// another slice's route (004 1.21). Tenant "1" is the default client.
    /// </summary>
    protected async Task Block(string studentUsername)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("1");
        var key = AccountRules.Key(studentUsername);
        var link = await session.Query<TeacherStudent>().SingleAsync(l => l.StudentUsernameNormalized == key);
        link.IsBlocked = true;
        session.Store(link);
        await session.SaveChangesAsync();
    }
}
