using System.Net;
using System.Net.Http.Json;
using Lms.Api.Hosting;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// CORS for the web apps through HTTP: preflights answered before routing, the rate limiter and auth; the configured
/// origins (LmsApiFactory: http://localhost:5173, http://localhost:3000) echoed with credentials on every answer,
/// error answers included; any other origin gets no CORS header and an otherwise unchanged answer.
/// </summary>
public sealed class CorsTests(LmsApiFactory factory) : ApiTest(factory)
{
    private const string Origin = LmsApiFactory.AllowedOrigin;
    private const string Unknown = "http://evil.example";
    private static readonly string[] AppMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    private static readonly string[] ReadByApps =
    [
        "X-Pagination-Count", "X-Pagination-Page", "X-Pagination-PageSize", "X-RateLimit-Limit", "X-RateLimit-Remaining",
        "X-RateLimit-Reset", "Retry-After", "X-Correlation-ID", "Content-Disposition",
    ];

    [Theory]
    [InlineData("/api/teacher/login/", "POST")]                  // 004
    [InlineData("/api/v1/teacher/login/", "POST")]               // 004's /api/v1/ twin
    [InlineData("/accounts/clients/1/user/login/", "POST")]      // 001, {client_id}
    [InlineData("/api/token/", "POST")]                          // 003
    [InlineData("/api/auth/users/", "GET")]                      // 000, a bare array with X-Pagination-*
    [InlineData("/api/courses/", "POST")]                        // 000/002/003 shared
    public async Task Preflight_from_an_allowed_origin_is_answered_204_with_methods_headers_and_credentials(string path, string method)
    {
        var response = await Anonymous().SendAsync(Preflight(path, Origin, method));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        var methods = List(response, "Access-Control-Allow-Methods");
        Assert.All(AppMethods, m => Assert.Contains(m, methods));
        var headers = List(response, "Access-Control-Allow-Headers");
        Assert.Contains("authorization", headers, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("content-type", headers, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("600", Single(response, "Access-Control-Max-Age"));
        Assert.False(response.Headers.Contains("X-RateLimit-Remaining"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Preflight_for_the_other_allowed_origin_echoes_that_origin()
    {
        var response = await Anonymous().SendAsync(Preflight("/api/token/", "http://localhost:3000", "POST"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:3000", Single(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_asking_for_a_header_the_apps_do_not_send_is_not_allowed()
    {
        var request = Preflight("/api/token/", Origin, "POST", "authorization,x-forwarded-host");
        var response = await Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain("x-forwarded-host", List(response, "Access-Control-Allow-Headers"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Actual_post_from_an_allowed_origin_carries_allow_origin_credentials_and_exposed_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/token/")
        {
            Content = JsonContent.Create(new { username = LmsApiFactory.AdminUsername, password = LmsApiFactory.AdminPassword }),
        };
        request.Headers.Add("Origin", Origin);
        var response = await Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("Origin", response.Headers.Vary);
        var exposed = List(response, "Access-Control-Expose-Headers");
        Assert.All(ReadByApps, h => Assert.Contains(h, exposed, StringComparer.OrdinalIgnoreCase));
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        Assert.NotNull((await Json(response))["access"]);
    }

    [Fact]
    public async Task Actual_get_of_a_bare_array_from_an_allowed_origin_exposes_the_pagination_headers_it_carries()
    {
        var admin = await AsAdmin();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/users/");
        request.Headers.Add("Origin", Origin);
        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.True(response.Headers.Contains("X-Pagination-Count"));
        Assert.Contains("X-Pagination-Count", List(response, "Access-Control-Expose-Headers"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_origin_gets_no_cors_headers_and_an_otherwise_unchanged_answer()
    {
        var preflight = await Anonymous().SendAsync(Preflight("/api/token/", Unknown, "POST"));
        var withOrigin = new HttpRequestMessage(HttpMethod.Get, "/api/courses/");
        withOrigin.Headers.Add("Origin", Unknown);
        var foreign = await Anonymous().SendAsync(withOrigin);
        var plain = await Anonymous().GetAsync("/api/courses/");

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.All(new[] { preflight, foreign }, r =>
        {
            Assert.False(r.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.False(r.Headers.Contains("Access-Control-Allow-Credentials"));
            Assert.False(r.Headers.Contains("Access-Control-Allow-Methods"));
            Assert.False(r.Headers.Contains("Access-Control-Expose-Headers"));
        });
        Assert.Equal(plain.StatusCode, foreign.StatusCode);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
        Assert.True(foreign.Headers.Contains("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Preflights_never_reach_the_rate_limiter()
    {
        var client = Anonymous();
        var before = Remaining(await client.GetAsync("/api/courses/"));
        for (var i = 0; i < 3; i++)
        {
            var preflight = await client.SendAsync(Preflight("/api/courses/", Origin, "POST"));
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.False(preflight.Headers.Contains("X-RateLimit-Remaining"));
        }
        var after = Remaining(await client.GetAsync("/api/courses/"));

        Assert.Equal(before - 1, after); // only the second GET counted
    }

    [Theory]
    [InlineData("/api/auth/users/", HttpStatusCode.Unauthorized)]         // the authorization result handler (000's body)
    [InlineData("/api/teacher/teacher-profile/", HttpStatusCode.Unauthorized)] // 004's titled 401
    [InlineData("/api/no-such-route/", HttpStatusCode.NotFound)]           // the status-code pages writer
    public async Task Error_answers_for_an_allowed_origin_carry_the_cors_headers_and_a_readable_body(string path, HttpStatusCode status)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", Origin);
        var response = await Anonymous().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.NotEmpty((await Json(response)).AsObject());
        if (status == HttpStatusCode.Unauthorized)
            Assert.Contains("WWW-Authenticate", List(response, "Access-Control-Expose-Headers"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_thrown_404_from_a_004_sign_in_carries_the_cors_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/teacher/login/")
        {
            Content = JsonContent.Create(new { username = "nobody", password = "Wrong-Pass-1" }),
        };
        request.Headers.Add("Origin", Origin);
        var response = await Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.NotEmpty((await Json(response)).AsObject());
    }

    [Fact]
    public async Task Teacher_sign_in_cookies_work_from_the_vite_origin_over_plain_http()
    {
        var (_, _, username) = await NewUser("teacher");
        var login = new HttpRequestMessage(HttpMethod.Post, "/api/teacher/login/")
        {
            Content = JsonContent.Create(new { username, password = "Sturdy-Pass-2026" }),
        };
        login.Headers.Add("Origin", Origin);
        var signedIn = await Anonymous().SendAsync(login);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(Origin, Single(signedIn, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(signedIn, "Access-Control-Allow-Credentials"));
        var cookies = signedIn.Headers.GetValues("Set-Cookie").ToList();
        var access = Assert.Single(cookies, c => c.StartsWith("access_token=", StringComparison.Ordinal));
        Assert.Single(cookies, c => c.StartsWith("refresh_token=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase); // http://localhost: a Secure cookie would be dropped
        });

        var profile = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teacher/teacher-profile/");
        profile.Headers.Add("Origin", Origin);
        profile.Headers.Add("Cookie", access.Split(';')[0]);
        var me = await Anonymous().SendAsync(profile);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(Origin, Single(me, "Access-Control-Allow-Origin"));
        Assert.Equal(username, (await Json(me))["username"]?.GetValue<string>());
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers = "authorization,content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    private static string[] List(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
            ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))]
            : [];

    private static long Remaining(HttpResponseMessage response) => long.Parse(Single(response, "X-RateLimit-Remaining"), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The configuration rule for <c>Lms:Cors:Origins</c>, without a host.</summary>
public sealed class CorsSettingsTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("https://*.example.com")]
    public void A_wildcard_origin_is_refused_because_the_listed_origins_get_credentials(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Cors.Origins(["http://localhost:5173", entry]));
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:5173")]
    [InlineData("http://localhost:5173/app")]
    [InlineData("http://localhost:5173/?x=1")]
    [InlineData("ftp://localhost")]
    [InlineData("http://user@localhost:5173")]
    public void Something_that_is_not_an_origin_is_refused(string entry) =>
        Assert.Throws<InvalidOperationException>(() => Cors.Origins([entry]));

    [Fact]
    public void Origins_are_written_as_browsers_send_them_and_listed_once()
    {
        var origins = Cors.Origins(["HTTP://LocalHost:5173/", " http://localhost:5173 ", "https://app.example.com:443", "", null]);

        Assert.Equal(["http://localhost:5173", "https://app.example.com"], origins);
    }

    [Fact]
    public void Origins_may_be_one_comma_separated_value_or_a_list()
    {
        Assert.Equal(["http://a.example", "http://b.example"], Bind(new() { ["Lms:Cors:Origins"] = "http://a.example, http://b.example" }).Origins);
        Assert.Equal(["http://a.example"], Bind(new() { ["Lms:Cors:Origins:0"] = "http://a.example" }).Origins);
        Assert.Empty(Bind([]).Origins);
    }

    [Fact]
    public void Without_origins_the_policy_allows_none_and_with_origins_it_allows_credentials()
    {
        var none = Cors.Policy(new CorsSettings());
        var some = Cors.Policy(new CorsSettings { Origins = ["http://localhost:5173"] });

        Assert.False(none.IsOriginAllowed("http://localhost:5173"));
        Assert.False(none.SupportsCredentials);
        Assert.True(some.IsOriginAllowed("http://localhost:5173"));
        Assert.False(some.IsOriginAllowed("http://localhost:5174"));
        Assert.True(some.SupportsCredentials);
        Assert.False(some.AllowAnyOrigin);
    }

    private static CorsSettings Bind(Dictionary<string, string?> values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLmsCors(config).BuildServiceProvider().GetRequiredService<CorsSettings>();
    }
}
