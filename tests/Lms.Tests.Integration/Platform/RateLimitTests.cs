using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// The app with tiny per-document rate limits and a frozen clock, its own host and schema. Not in the "api" collection: it
/// shares neither the data resets nor the limiter's counters with the other tests. The clock makes the windows,
/// X-RateLimit-Reset and Retry-After exact. The base class's <see cref="IAsyncLifetime"/> (which drops the schemas) is
/// inherited unchanged, so xunit's fixture disposal calls it; <see cref="RateLimitTests"/> proves that, called through the
/// interface on a derived instance, it drops them. 001 keeps the base factory's huge limits.
/// </summary>
public sealed class RateLimitedApiFactory : LmsApiFactory
{
    /// <summary>000: per IP only, as its document says.</summary>
    public const int PerIp000 = 4;

    /// <summary>002: per user, under a per-IP ceiling.</summary>
    public const int PerUser002 = 2;
    public const int PerIp002 = 5;

    /// <summary>003: its two documented windows.</summary>
    public const int PerUser003 = 3;
    public const int PerIp003 = 5;

    /// <summary>004: per user, under a per-IP ceiling.</summary>
    public const int PerUser004 = 2;
    public const int PerIp004 = 3;

    /// <summary>The app's "now" for the whole run (whole seconds, so the reset timestamps are exact).</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        Limit(settings, "000", PerIp000, perUser: 0);
        Limit(settings, "002", PerIp002, PerUser002);
        Limit(settings, "003", PerIp003, PerUser003);
        Limit(settings, "004", PerIp004, PerUser004);
        settings["Lms:Jobs:RunServer"] = "false";
        return settings;
    }

    private static void Limit(IDictionary<string, string?> settings, string document, int perIp, int perUser)
    {
        settings[$"Lms:RateLimits:Documents:{document}:PerIpPerHour"] = perIp.ToString(CultureInfo.InvariantCulture);
        settings[$"Lms:RateLimits:Documents:{document}:PerUserPerMinute"] = perUser.ToString(CultureInfo.InvariantCulture);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FrozenClock(Now)));
    }

    /// <summary>A client whose requests come from the given address, so each test has its own per-IP windows.</summary>
    public HttpClient ClientFrom(string ip, string? accessToken = null)
    {
        var client = new HttpClient(Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(ip)))
        {
            BaseAddress = Server.BaseAddress,
        };
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    private const string Route000 = "/api/auth/profile/";          // 000 only, signed in
    private const string Route002 = "/api/users/profiles/me/";     // 002 only, signed in
    private const string Route003 = "/api/courses/";               // 003 only, open to anyone
    private const string Route004 = "/api/teacher/teacher-profile/nobody/"; // 004 only, open to anyone (404)
    private const string Shared002And003 = "/api/users/profile/";  // 003's and 002's

    [Fact]
    public async Task Anonymous_caller_sees_the_per_ip_headers_count_down_then_gets_429_in_the_003_envelope()
    {
        var client = factory.ClientFrom("203.0.113.10");
        var remaining = new List<long>();
        var windowEnd = factory.Now.AddHours(1).ToUnixTimeSeconds();

        for (var i = 0; i < RateLimitedApiFactory.PerIp003; i++)
        {
            var ok = await client.GetAsync(Route003);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerIp003, Header(ok, "X-RateLimit-Limit"));
            Assert.Equal(windowEnd, Header(ok, "X-RateLimit-Reset"));
            remaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var throttled = await client.GetAsync(Route003);

        Assert.Equal([4, 3, 2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(0, Header(throttled, "X-RateLimit-Remaining"));
        Assert.Equal(windowEnd, Header(throttled, "X-RateLimit-Reset"));
        Assert.Equal(TimeSpan.FromHours(1), throttled.Headers.RetryAfter?.Delta);
        var body = await ApiJson(throttled);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("RATE_LIMITED", body["error_code"]!.GetValue<string>());
        await Contract.MatchWithRateLimitHeaders(throttled, "per-ip");
    }

    [Fact]
    public async Task Signed_in_caller_on_a_003_route_is_limited_per_user_per_minute_with_its_own_headers()
    {
        // Arrange from one address, act from another: only the per-user window binds.
        var token = await RegisterAndSignIn(factory.ClientFrom("203.0.113.20"), "limited_user");
        var client = factory.ClientFrom("203.0.113.21", token);
        var remaining = new List<long>();

        for (var i = 0; i < RateLimitedApiFactory.PerUser003; i++)
        {
            var ok = await client.GetAsync(Route003);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerUser003, Header(ok, "X-RateLimit-Limit"));
            remaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var throttled = await client.GetAsync(Route003);

        Assert.Equal([2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(RateLimitedApiFactory.PerUser003, Header(throttled, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(throttled, "X-RateLimit-Remaining"));
        Assert.Equal(factory.Now.AddMinutes(1).ToUnixTimeSeconds(), Header(throttled, "X-RateLimit-Reset"));
        Assert.Equal(TimeSpan.FromMinutes(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("RATE_LIMITED", (await ApiJson(throttled))["error_code"]!.GetValue<string>());
        // The refused request spent nothing: the address still has 003's hour budget minus the three.
        var other = await RegisterAndSignIn(factory.ClientFrom("203.0.113.22"), "limited_neighbour");
        var neighbour = await factory.ClientFrom("203.0.113.21", other).GetAsync(Route003);
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
        Assert.Equal(RateLimitedApiFactory.PerIp003 - RateLimitedApiFactory.PerUser003 - 1, Header(neighbour, "X-RateLimit-Remaining"));
        Assert.Equal(RateLimitedApiFactory.PerIp003, Header(neighbour, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task A_000_route_is_limited_per_ip_only_so_two_users_behind_one_address_share_its_hour_and_get_a_drf_429()
    {
        var arrange = factory.ClientFrom("203.0.113.70");
        var first = factory.ClientFrom("203.0.113.71", await RegisterAndSignIn(arrange, "first000"));
        var second = factory.ClientFrom("203.0.113.71", await RegisterAndSignIn(arrange, "second000"));
        var remaining = new List<long>();

        for (var i = 0; i < RateLimitedApiFactory.PerIp000; i++)
        {
            var ok = await (i % 2 == 0 ? first : second).GetAsync(Route000);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerIp000, Header(ok, "X-RateLimit-Limit"));
            remaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var throttled = await first.GetAsync(Route000);

        Assert.Equal([3, 2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(factory.Now.AddHours(1).ToUnixTimeSeconds(), Header(throttled, "X-RateLimit-Reset"));
        Assert.Equal(TimeSpan.FromHours(1), throttled.Headers.RetryAfter?.Delta);
        var body = await ApiJson(throttled);
        Assert.Equal("Request was throttled. Expected available in 3600 seconds.", body["detail"]!.GetValue<string>());
        Assert.Null(body["success"]);
        await Contract.MatchWithRateLimitHeaders(throttled, "000");
    }

    [Fact]
    public async Task Exhausting_003s_budget_leaves_000_routes_with_their_own()
    {
        var client = factory.ClientFrom("203.0.113.80");
        for (var i = 0; i < RateLimitedApiFactory.PerIp003; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Route003)).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await client.GetAsync(Route003)).StatusCode);

        var via000 = await client.GetAsync(Route000); // anonymous: 000's 401, counted in 000's window only

        Assert.Equal(HttpStatusCode.Unauthorized, via000.StatusCode);
        Assert.Equal(RateLimitedApiFactory.PerIp000, Header(via000, "X-RateLimit-Limit"));
        Assert.Equal(RateLimitedApiFactory.PerIp000 - 1, Header(via000, "X-RateLimit-Remaining"));
        Assert.Equal((HttpStatusCode)429, (await client.GetAsync(Route003)).StatusCode);
    }

    [Fact]
    public async Task On_a_002_route_each_user_behind_one_address_has_a_budget_of_its_own_up_to_the_ip_ceiling()
    {
        var users = new List<HttpClient>();
        foreach (var (name, arrangeIp) in new[] { ("pupil_a", "203.0.113.92"), ("pupil_b", "203.0.113.93"), ("pupil_c", "203.0.113.94") })
            users.Add(factory.ClientFrom("203.0.113.91", await RegisterAndSignIn(factory.ClientFrom(arrangeIp), name)));
        var (a, b, c) = (users[0], users[1], users[2]);

        var aRemaining = new List<long>();
        for (var i = 0; i < RateLimitedApiFactory.PerUser002; i++)
        {
            var ok = await a.GetAsync(Route002);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerUser002, Header(ok, "X-RateLimit-Limit"));
            aRemaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var aThrottled = await a.GetAsync(Route002); // a's own minute is spent; b's is untouched
        var b1 = await b.GetAsync(Route002);
        var b2 = await b.GetAsync(Route002);
        var c1 = await c.GetAsync(Route002);          // the address's fifth request this hour: the ceiling's last
        var cThrottled = await c.GetAsync(Route002);  // c has a minute budget left, the address has none

        Assert.Equal([1, 0], aRemaining);
        Assert.Equal((HttpStatusCode)429, aThrottled.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), aThrottled.Headers.RetryAfter?.Delta);
        Assert.Equal(RateLimitedApiFactory.PerUser002, Header(aThrottled, "X-RateLimit-Limit"));
        Assert.All(new[] { b1, b2, c1 }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, Header(b1, "X-RateLimit-Remaining"));
        Assert.Equal(0, Header(c1, "X-RateLimit-Remaining"));
        Assert.Equal(RateLimitedApiFactory.PerIp002, Header(c1, "X-RateLimit-Limit")); // the ceiling binds now
        Assert.Equal((HttpStatusCode)429, cThrottled.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), cThrottled.Headers.RetryAfter?.Delta);
        Assert.Equal(RateLimitedApiFactory.PerIp002, Header(cThrottled, "X-RateLimit-Limit"));
        Assert.Equal(factory.Now.AddHours(1).ToUnixTimeSeconds(), Header(cThrottled, "X-RateLimit-Reset"));
        await Contract.MatchWithRateLimitHeaders(aThrottled, "002-per-user");
        await Contract.MatchWithRateLimitHeaders(cThrottled, "002-per-ip");
    }

    [Fact]
    public async Task A_004_route_and_its_v1_twin_share_004s_window_and_answer_429_in_004s_words()
    {
        var client = factory.ClientFrom("203.0.113.100");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Route004)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/teacher/teacher-profile/nobody/")).StatusCode);
        var last = await client.GetAsync(Route004);

        var throttled = await client.GetAsync("/api/v1/teacher/teacher-profile/nobody/");

        Assert.Equal(0, Header(last, "X-RateLimit-Remaining"));
        Assert.Equal(RateLimitedApiFactory.PerIp004, Header(last, "X-RateLimit-Limit"));
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), throttled.Headers.RetryAfter?.Delta);
        var body = await ApiJson(throttled);
        Assert.Equal("Rate limit exceeded", body["error"]!.GetValue<string>());
        Assert.Equal("Too many requests. Please try again later.", body["detail"]!.GetValue<string>());
        await Contract.MatchWithRateLimitHeaders(throttled, "004");
    }

    [Fact]
    public async Task A_route_of_two_documents_is_allowed_while_either_admits_and_is_counted_in_each_that_did()
    {
        // /api/users/profile/ is 003's (3 a minute per user) and 002's (2 a minute per user).
        var token = await RegisterAndSignIn(factory.ClientFrom("203.0.113.110"), "shared_user");
        var client = factory.ClientFrom("203.0.113.111", token);
        var remaining = new List<long>();

        for (var i = 0; i < RateLimitedApiFactory.PerUser003; i++)
        {
            var ok = await client.GetAsync(Shared002And003);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerUser003, Header(ok, "X-RateLimit-Limit")); // the looser document's
            remaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var throttled = await client.GetAsync(Shared002And003);
        var only002 = await client.GetAsync(Route002); // the first two were counted in 002's minute too

        Assert.Equal([2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), throttled.Headers.RetryAfter?.Delta);
        var body = await ApiJson(throttled);
        Assert.Equal("RATE_LIMITED", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["detail"]); // the union of 003's and 002's formats
        await Contract.MatchWithRateLimitHeaders(throttled, "shared");
        Assert.Equal((HttpStatusCode)429, only002.StatusCode);
        Assert.Equal(RateLimitedApiFactory.PerUser002, Header(only002, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Throttled_answer_and_preflights_past_the_limit_carry_the_cors_headers_for_an_allowed_origin()
    {
        var client = factory.ClientFrom("203.0.113.60");
        client.DefaultRequestHeaders.Add("Origin", LmsApiFactory.AllowedOrigin);
        for (var i = 0; i < RateLimitedApiFactory.PerIp003; i++) await client.GetAsync(Route003);

        var throttled = await client.GetAsync("/api/courses/");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/courses/");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var answered = await client.SendAsync(preflight);

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(LmsApiFactory.AllowedOrigin, Assert.Single(throttled.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", throttled.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False((await ApiJson(throttled))["success"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode); // the limiter never sees a preflight
        Assert.Equal(LmsApiFactory.AllowedOrigin, Assert.Single(answered.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Health_and_docs_routes_are_not_rate_limited()
    {
        var client = factory.ClientFrom("203.0.113.40");

        for (var i = 0; i < RateLimitedApiFactory.PerIp003 + 2; i++)
        {
            var response = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/courses/")).StatusCode);
    }

    [Fact]
    public async Task A_derived_factory_drops_its_schemas_when_disposed()
    {
        var other = new RateLimitedApiFactory();
        IAsyncLifetime lifetime = other;
        await lifetime.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await other.ClientFrom("203.0.113.50").GetAsync("/health/ready")).StatusCode);
        Assert.True(await SchemaExists(other.Schema));
        Assert.True(await SchemaExists(other.Schema + "_jobs"));

        await lifetime.DisposeAsync();

        Assert.False(await SchemaExists(other.Schema));
        Assert.False(await SchemaExists(other.Schema + "_jobs"));
    }

    private static async Task<string> RegisterAndSignIn(HttpClient client, string username)
    {
        const string password = "Sturdy-Pass-2026";
        var registered = await client.PostAsJsonAsync("/api/users/register/",
            new { username, email = $"{username}@example.com", password, role = "student" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var token = await client.PostAsJsonAsync("/api/token/", new { username, password });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (await ApiJson(token))["access"]!.GetValue<string>();
    }

    private static async Task<bool> SchemaExists(string schema)
    {
        await using var conn = new NpgsqlConnection(LmsApiFactory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from information_schema.schemata where schema_name = @s", conn);
        cmd.Parameters.AddWithValue("s", schema);
        return (long)(await cmd.ExecuteScalarAsync())! == 1;
    }

    private static long Header(HttpResponseMessage response, string name) =>
        long.Parse(Assert.Single(response.Headers.GetValues(name)), CultureInfo.InvariantCulture);

    private static async Task<System.Text.Json.Nodes.JsonNode> ApiJson(HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
