using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Platform;

/// <summary>The app with tiny abuse throttles (per account 3, per IP 5), its own host and schema.</summary>
public sealed class ThrottledApiFactory : LmsApiFactory
{
    public const int PerAccount = 3;
    public const int PerIp = 5;

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Lms:Throttle:PerAccount"] = PerAccount.ToString(CultureInfo.InvariantCulture);
        settings["Lms:Throttle:PerIp"] = PerIp.ToString(CultureInfo.InvariantCulture);
        settings["Lms:Jobs:RunServer"] = "false";
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A frozen clock: windows never roll over during a test, and Retry-After is exactly the window.
        var now = DateTimeOffset.UtcNow;
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FrozenClock(now)));
    }


    /// <summary>A client whose requests come from the given address.</summary>
    public HttpClient ClientFrom(string ip) =>
        new(Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(ip))) { BaseAddress = Server.BaseAddress };
}

/// <summary>
/// Sign-in, OTP and password-reset calls are throttled per account and per IP (fixed windows), so guessing passwords or
/// codes is slow whichever way it is spread. Each test uses its own IP and accounts, so tests do not share counters.
/// </summary>
public sealed class ThrottleTests(ThrottledApiFactory factory) : IClassFixture<ThrottledApiFactory>
{
    private static readonly string[] LoginRoutes = ["/api/token/"];

    [Fact]
    public async Task The_fourth_login_for_one_account_is_refused_with_429_even_with_the_right_password()
    {
        var results = new List<HttpStatusCode>();
        for (var i = 0; i < ThrottledApiFactory.PerAccount; i++)
        {
            var client = factory.ClientFrom($"10.1.0.{i + 1}"); // different IPs: only the account counter applies
            var wrong = await client.PostAsJsonAsync("/api/token/", new { username = LmsApiFactory.AdminUsername, password = "wrong-password" });
            results.Add(wrong.StatusCode);
        }
        var fourth = await factory.ClientFrom("10.1.0.9").PostAsJsonAsync("/api/token/",
            new { username = LmsApiFactory.AdminUsername, password = LmsApiFactory.AdminPassword });

        Assert.All(results, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names the seconds to wait");
        await Contract.Match(fourth, "003-login-throttled");
    }

    [Fact]
    public async Task One_account_is_one_counter_across_documents()
    {
        // Two tries through 000's login and one through 003's use up the account's three; 004's login is then refused.
        var ip = 0;
        HttpClient Next() => factory.ClientFrom($"10.4.0.{++ip}");
        await Next().PostAsJsonAsync("/api/auth/login/", new { username = "shared-victim", password = "guess-123x" });
        await Next().PostAsJsonAsync("/api/auth/login/", new { username = "shared-victim", password = "guess-123x" });
        await Next().PostAsJsonAsync("/api/token/", new { username = "shared-victim", password = "guess-123x" });

        var fourth = await Next().PostAsJsonAsync("/api/teacher/login/", new { username = "shared-victim", password = "guess-123x" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        await Contract.Match(fourth, "004-login-throttled");
    }

    [Fact]
    public async Task One_IP_trying_many_accounts_is_refused_after_its_limit_and_another_IP_is_not()
    {
        var client = factory.ClientFrom("10.2.0.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ThrottledApiFactory.PerIp + 1; i++)
        {
            var r = await client.PostAsJsonAsync(LoginRoutes[0], new { username = $"nobody{i}", password = "whatever-1" });
            statuses.Add(r.StatusCode);
        }
        var other = await factory.ClientFrom("10.2.0.2").PostAsJsonAsync(LoginRoutes[0], new { username = "someone", password = "whatever-1" });

        Assert.All(statuses.Take(ThrottledApiFactory.PerIp), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Theory]
    [InlineData("/api/auth/login/", "{\"username\":\"victim\",\"password\":\"guess-123x\"}")]
    [InlineData("/api/users/auth/login/", "{\"email\":\"victim@example.com\",\"password\":\"guess-123x\"}")]
    [InlineData("/accounts/clients/1/user/login/", "{\"email\":\"victim@example.com\",\"password\":\"guess-123x\"}")]
    [InlineData("/api/teacher/login/", "{\"username\":\"victim\",\"password\":\"guess-123x\"}")]
    [InlineData("/accounts/clients/1/user/resend-verification-email/", "{\"email\":\"victim@example.com\"}")]
    [InlineData("/api/password-reset/verify/", "{\"email\":\"victim@example.com\",\"otp\":\"123456\"}")]
    [InlineData("/accounts/clients/1/user/verify-email/", "{\"email\":\"victim@example.com\",\"otp\":\"123456\"}")]
    public async Task Every_documents_login_and_code_routes_are_throttled_per_account(string route, string body)
    {
        // Counters are per action and account across documents (one account), so each case uses its own account.
        body = body.Replace("victim", "victim" + Math.Abs(route.GetHashCode(StringComparison.Ordinal)), StringComparison.Ordinal);
        var last = HttpStatusCode.OK;
        for (var i = 0; i <= ThrottledApiFactory.PerAccount; i++)
        {
            // A new IP each time: only the per-account counter can refuse.
            var client = factory.ClientFrom($"10.3.{Math.Abs(route.GetHashCode(StringComparison.Ordinal)) % 200}.{i + 1}");
            var response = await client.PostAsync(route, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            last = response.StatusCode;
            if (i < ThrottledApiFactory.PerAccount) Assert.NotEqual(HttpStatusCode.TooManyRequests, last);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }
}
