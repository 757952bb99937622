using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// Response headers: no content sniffing and no server banner on any answer (the error bodies other middleware writes
/// included), nothing stored by browsers or proxies where tokens and personal data travel, and the two HTML pages (Scalar
/// at /docs, the Hangfire dashboard) never framed by another site, with a policy that still lets them run.
/// </summary>
public sealed partial class SecurityTests
{
    private const string TeacherUsername = "headerteacher";
    private const string TeacherPassword = "Sturdy-Pass-2026";

    public static TheoryData<string, string, string, int, bool> EveryKindOfAnswer => new()
    {
        { "a JSON 200", "GET", "/api/courses/", 200, false },
        { "a 401 of the authorization handler", "GET", "/api/users/profile/", 401, false },
        { "a 404 of an unknown path", "GET", "/no/such/path/", 404, false },
        { "a 405 of the status-code pages", "DELETE", "/api/token/", 405, false },
        { "a 401 of the dashboard", "GET", "/hangfire", 401, false },
        { "the dashboard", "GET", "/hangfire", 200, true },
        { "the docs page", "GET", "/docs/", 200, false },
    };

    [Theory]
    [MemberData(nameof(EveryKindOfAnswer))]
    public async Task Every_answer_says_nosniff_and_names_no_server(string answer, string method, string path, int status, bool asPlatformAdmin)
    {
        var client = asPlatformAdmin ? await AsAdmin() : Anonymous();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True((int)response.StatusCode == status, $"{answer}: {(int)response.StatusCode}");
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"), $"{answer} names its server");
    }

    [Fact]
    public async Task The_tenant_guards_403_says_nosniff_and_no_store()
    {
        var other = await OtherClientAdminToken();

        var response = await As(other).GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(response.Headers.CacheControl?.NoStore, "no no-store on the tenant guard's answer");
    }

    [Fact]
    public void Kestrel_sends_no_Server_header()
    {
        // The test server never writes one, so the setting itself is what is checked here (Kestrel's default is true).
        var kestrel = Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
    }

    public static TheoryData<string, string, string> TokenAnswers => new()
    {
        { "003", "/api/token/", "username" },
        { "000", "/api/auth/login/", "username" },
        { "002", "/api/users/auth/login/", "email" },
        { "001", "/accounts/clients/1/user/login/", "email" },
        { "004", "/api/teacher/login/", "username" },
    };

    [Theory]
    [MemberData(nameof(TokenAnswers))]
    public async Task Every_documents_token_answer_is_no_store(string document, string path, string identifier)
    {
        await RegisterHeaderTeacher();
        var name = identifier == "email" ? $"{TeacherUsername}@example.com" : TeacherUsername;

        var response = await Anonymous().PostAsync(path, JsonContent.Create(new Dictionary<string, string>
        {
            [identifier] = name, ["password"] = TeacherPassword,
        }));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{document} login: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("\"access\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{document}'s token answer may be stored: {response.Headers.CacheControl}");
    }

    public static TheoryData<string, string> ProfileAnswers => new()
    {
        { "003", "/api/users/profile/" },
        { "000", "/api/auth/profile/" },
        { "002", "/api/users/profiles/me/" },
        { "001", "/accounts/clients/1/user-profile/" },
        { "004", "/api/teacher/teacher-profile/" },
    };

    [Theory]
    [MemberData(nameof(ProfileAnswers))]
    public async Task Every_documents_profile_answer_is_no_store(string document, string path)
    {
        await RegisterHeaderTeacher();
        var teacher = As(await Login(TeacherUsername, TeacherPassword));

        var response = await teacher.GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{document} profile: {(int)response.StatusCode}");
        Assert.Contains(TeacherUsername, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the user name or the e-mail
        Assert.True(response.Headers.CacheControl?.NoStore, $"{document}'s profile answer may be stored: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Uploaded_media_is_nosniff_and_keeps_browser_caching()
    {
        var avatar = await RegisterHeaderTeacher();

        var response = await Anonymous().GetAsync(new Uri(avatar).AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Null(response.Headers.CacheControl);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/docs/")]
    [InlineData("/docs/scalar.js")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/succeeded")]
    public async Task Docs_and_dashboard_forbid_framing_by_CSP_and_X_Frame_Options(string path)
    {
        var client = path.StartsWith("/hangfire", StringComparison.Ordinal) ? await AsAdmin() : Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        var scripts = Regex.Match(csp, "script-src ([^;]*)").Groups[1].Value;
        Assert.StartsWith("'self'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_page_policy_allows_exactly_the_scripts_the_page_carries()
    {
        var first = await Anonymous().GetAsync("/docs/");
        var second = await Anonymous().GetAsync("/docs/");

        var html = await first.Content.ReadAsStringAsync();
        var csp = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        // Every script tag is either a file of this host (script-src 'self'), or carries this response's nonce, or is
        // the one inline head script the policy allows by its hash.
        foreach (Match tag in Regex.Matches(html, "<script([^>]*)>(.*?)</script>", RegexOptions.Singleline))
        {
            var attributes = tag.Groups[1].Value;
            var allowed = attributes.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal) ||
                          (attributes.Contains("src=", StringComparison.Ordinal) && !attributes.Contains("//", StringComparison.Ordinal)) ||
                          csp.Contains(Sha256(tag.Groups[2].Value), StringComparison.Ordinal);
            Assert.True(allowed, $"blocked by the policy: {tag.Value}");
        }
        Assert.Contains("withDefaultFonts\":false", html, StringComparison.Ordinal);
    }

    private static string Sha256(string script) =>
        $"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)))}'";

    /// <summary>A teacher registered through 004 with an avatar (multipart); the avatar's URL. Signs in on every document.</summary>
    private async Task<string> RegisterHeaderTeacher()
    {
        var form = Uploads.Form(new
        {
            first_name = "Head", last_name = "Er", username = TeacherUsername, email = $"{TeacherUsername}@example.com", phone = "01009876543",
            password1 = TeacherPassword, password2 = TeacherPassword,
        }, ("avatar", "me.png", Uploads.Png));
        var response = await Anonymous().PostAsync("/api/teacher/teacher-register/", form);
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"teacher registration failed: {body}");
        return body["user"]!["avatar"]!.GetValue<string>();
    }
}
