using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;
using Lms.Features.Common.Email;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// The Hangfire dashboard shows every client's jobs with their arguments (the OTP e-mails among them): only a platform
/// admin (an admin of the default client 1) opens it, and its state-changing POSTs need the antiforgery token its pages
/// carry, so a cross-site form riding on the admin's <c>access_token</c> cookie changes nothing.
/// </summary>
public sealed partial class SecurityTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dashboard_refuses_another_clients_admin_with_403(bool byCookie)
    {
        var token = await OtherClientAdminToken();

        var response = await Dashboard(HttpMethod.Get, "/hangfire", token, byCookie);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Lms jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_clients_admin_cannot_read_the_details_of_a_default_client_job()
    {
        var job = await DefaultClientOtpJob("otp-owner@example.com");
        var token = await OtherClientAdminToken();

        var attack = await Dashboard(HttpMethod.Get, $"/hangfire/jobs/details/{job}", token, byCookie: true);
        var platform = await Dashboard(HttpMethod.Get, $"/hangfire/jobs/details/{job}", await PlatformAdminToken(), byCookie: true);

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.DoesNotContain("otp-owner@example.com", await attack.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The same page is the platform admin's; it used to show the e-mail and its code. The job now carries only the
        // outbox id, so even the platform admin reads no address there.
        Assert.Equal(HttpStatusCode.OK, platform.StatusCode);
        Assert.DoesNotContain("otp-owner@example.com", await platform.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dashboard_opens_for_the_platform_admin_with_the_antiforgery_token_its_scripts_send_back(bool byCookie)
    {
        var response = await Dashboard(HttpMethod.Get, "/hangfire", await PlatformAdminToken(), byCookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Lms jobs", html, StringComparison.Ordinal);
        // Hangfire's JS reads these two meta tags and sends the token in that header on every POST.
        Assert.Matches("<meta name=\"csrf-header\" content=\"RequestVerificationToken\">", html);
        Assert.Matches("<meta name=\"csrf-token\" content=\"[^\"]{20,}\">", html);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/hangfire/stats")]
    [InlineData("/hangfire/jobs/actions/delete/{job}")]
    public async Task Dashboard_refuses_a_cookie_only_POST_without_the_antiforgery_token_with_403(string path)
    {
        // What a page of another site can make the admin's browser send: the access_token cookie and a form, no token.
        var job = await DefaultClientOtpJob("csrf-victim@example.com");

        var response = await Dashboard(HttpMethod.Post, path.Replace("{job}", job, StringComparison.Ordinal), await PlatformAdminToken(), byCookie: true,
            form: new Dictionary<string, string> { ["metrics[]"] = "succeeded:count" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(DeletedState.StateName, StateOf(job));
    }

    [Fact]
    public async Task Dashboard_accepts_a_POST_that_sends_back_its_pages_antiforgery_token()
    {
        // The control for the test above: the dashboard's own POST, as its JS sends it, still works.
        var job = await DefaultClientOtpJob("csrf-control@example.com");
        var admin = await PlatformAdminToken();
        var page = await Dashboard(HttpMethod.Get, "/hangfire", admin, byCookie: true);
        var html = await page.Content.ReadAsStringAsync();
        var requestToken = WebUtility.HtmlDecode(CsrfToken().Match(html).Groups[1].Value);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];

        var response = await Dashboard(HttpMethod.Post, $"/hangfire/jobs/actions/delete/{job}", admin, byCookie: true,
            extraCookie: cookie, antiforgeryToken: requestToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(DeletedState.StateName, StateOf(job));
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfToken();

    private Task<string> PlatformAdminToken() => Login(LmsApiFactory.AdminUsername, LmsApiFactory.AdminPassword);

    /// <summary>
    /// A second client created by the platform admin through the API, its own admin (no route creates a client's admin:
    /// arranged in that client's store), signed in through 001's login of that client.
    /// </summary>
    private async Task<string> OtherClientAdminToken()
    {
        var created = await (await AsAdmin()).PostAsJsonAsync("/accounts/clients/", new { name = "Other Academy" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var client = (await Json(created))["id"]!.GetValue<long>();
        var clientId = client.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string email = "other-admin@example.com", password = "Sturdy-Pass-2026";
        await using (var session = Factory.Services.GetRequiredService<IDocumentStore>().LightweightSession(clientId))
        {
            var user = User.Create("otheradmin", email, "Other", "Admin", Role.Admin, DateTimeOffset.UtcNow);
            user.PasswordHash = Passwords.Hash(user, password);
            session.Insert(user);
            await session.SaveChangesAsync();
        }

        var login = await Anonymous().PostAsJsonAsync($"/accounts/clients/{clientId}/user/login/", new { email, password });
        var body = await Json(login);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"client {clientId} admin login failed: {body}");
        return body["access"]!.GetValue<string>();
    }

    private string? StateOf(string job)
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(job)?.Name;
    }

    /// <summary>The Hangfire job of a default-client sign-up: the OTP e-mail, code and address in its arguments; its id.</summary>
    private async Task<string> DefaultClientOtpJob(string email)
    {
        const string password = "Sturdy-Pass-2026";
        var before = EmailJobIds();
        var signup = await Anonymous().PostAsJsonAsync("/accounts/clients/1/user/signup/", new
        {
            first_name = "Otp", last_name = "Owner", email, phone = "", password, confirm_password = password,
        });
        Assert.Equal(HttpStatusCode.OK, signup.StatusCode);
        // The job carries only its outbox id, so it is the e-mail job that was not there before this sign-up (tests of
        // this collection run one at a time).
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var mine = EmailJobIds().Except(before).FirstOrDefault();
            if (mine is not null) return mine;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the sign-up's e-mail job was not found in Hangfire's storage");
    }

    /// <summary>The ids of every e-mail send job in this host's Hangfire storage, whatever its state.</summary>
    private HashSet<string> EmailJobIds()
    {
        var monitoring = Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitoring.EnqueuedJobs("default", 0, 1000).Select(j => (j.Key, j.Value.Job))
            .Concat(monitoring.ProcessingJobs(0, 1000).Select(j => (j.Key, j.Value.Job)))
            .Concat(monitoring.SucceededJobs(0, 1000).Select(j => (j.Key, j.Value.Job)))
            .Concat(monitoring.FailedJobs(0, 1000).Select(j => (j.Key, j.Value.Job)))
            .Where(j => j.Job?.Type == typeof(EmailJob) && j.Job.Method.Name == nameof(EmailJob.SendAsync))
            .Select(j => j.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A dashboard request with the token as a bearer header or as the access_token cookie (a browser's way).</summary>
    private async Task<HttpResponseMessage> Dashboard(HttpMethod method, string path, string token, bool byCookie,
        Dictionary<string, string>? form = null, string? extraCookie = null, string? antiforgeryToken = null)
    {
        // No cookie handling by the test client: the cookies sent are exactly the ones written here.
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(method, path);
        var cookies = new List<string>();
        if (byCookie) cookies.Add($"access_token={token}");
        else request.Headers.Authorization = new("Bearer", token);
        if (extraCookie is not null) cookies.Add(extraCookie);
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies));
        if (antiforgeryToken is not null) request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent(form ?? []);
        return await client.SendAsync(request);
    }
}
