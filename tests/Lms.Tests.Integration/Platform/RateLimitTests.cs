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
/// The app with tiny rate limits and a frozen clock, its own host and schema. Not in the "api" collection: it shares
/// neither the data resets nor the limiter's counters with the other tests. The clock makes the windows, X-RateLimit-Reset
/// and Retry-After exact. The base class's <see cref="IAsyncLifetime"/> (which drops the schemas) is inherited
/// unchanged, so xunit's fixture disposal calls it; <see cref="RateLimitTests"/> proves that, called through the
/// interface on a derived instance, it drops them.
/// </summary>
public sealed class RateLimitedApiFactory : LmsApiFactory
{
    public const int PerUserPerMinute = 3;
    public const int PerIpPerHour = 5;

    /// <summary>The app's "now" for the whole run (whole seconds, so the reset timestamps are exact).</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Lms:RateLimits:PerUserPerMinute"] = PerUserPerMinute.ToString(CultureInfo.InvariantCulture);
        settings["Lms:RateLimits:PerIpPerHour"] = PerIpPerHour.ToString(CultureInfo.InvariantCulture);
        settings["Lms:Jobs:RunServer"] = "false";
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FrozenClock(Now)));
    }

    /// <summary>A client whose requests come from the given address, so each test has its own per-IP window.</summary>
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
    [Fact]
    public async Task Anonymous_caller_sees_the_per_ip_headers_count_down_then_gets_429_in_the_003_envelope()
    {
        var client = factory.ClientFrom("203.0.113.10");
        var remaining = new List<long>();
        var windowEnd = factory.Now.AddHours(1).ToUnixTimeSeconds();

        for (var i = 0; i < RateLimitedApiFactory.PerIpPerHour; i++)
        {
            var ok = await client.GetAsync("/api/courses/");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerIpPerHour, Header(ok, "X-RateLimit-Limit"));
            Assert.Equal(windowEnd, Header(ok, "X-RateLimit-Reset"));
            remaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var throttled = await client.GetAsync("/api/courses/");

        Assert.Equal([4, 3, 2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(0, Header(throttled, "X-RateLimit-Remaining"));
        Assert.Equal(windowEnd, Header(throttled, "X-RateLimit-Reset"));
        Assert.Equal(TimeSpan.FromHours(1), throttled.Headers.RetryAfter?.Delta);
        var body = await ApiJson(throttled);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("RATE_LIMITED", body["error_code"]!.GetValue<string>());
        await Contract.Match(throttled, "per-ip");
    }

    [Fact]
    public async Task Signed_in_caller_is_limited_per_user_per_minute_with_its_own_headers()
    {
        // Arrange from one address, act from another: only the per-user window binds.
        var token = await RegisterAndSignIn(factory.ClientFrom("203.0.113.20"), "limited_user");
        var client = factory.ClientFrom("203.0.113.21", token);
        var remaining = new List<long>();

        for (var i = 0; i < RateLimitedApiFactory.PerUserPerMinute; i++)
        {
            var ok = await client.GetAsync("/api/users/profile/");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(RateLimitedApiFactory.PerUserPerMinute, Header(ok, "X-RateLimit-Limit"));
            remaining.Add(Header(ok, "X-RateLimit-Remaining"));
        }
        var throttled = await client.GetAsync("/api/users/profile/");

        Assert.Equal([2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(RateLimitedApiFactory.PerUserPerMinute, Header(throttled, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(throttled, "X-RateLimit-Remaining"));
        Assert.Equal(factory.Now.AddMinutes(1).ToUnixTimeSeconds(), Header(throttled, "X-RateLimit-Reset"));
        Assert.Equal(TimeSpan.FromMinutes(1), throttled.Headers.RetryAfter?.Delta);
        var body = await ApiJson(throttled);
        Assert.Equal("RATE_LIMITED", body["error_code"]!.GetValue<string>());
        // The profile route is 003's and 002's: the 429 carries both formats' keys.
        Assert.NotNull(body["detail"]);
        await Contract.Match(throttled, "per-user");
    }

    [Fact]
    public async Task Per_user_limit_does_not_spill_over_to_another_user_on_the_same_address()
    {
        var arrange = factory.ClientFrom("203.0.113.30");
        var first = await RegisterAndSignIn(arrange, "busy_user");
        var second = await RegisterAndSignIn(arrange, "quiet_user");
        var busy = factory.ClientFrom("203.0.113.31", first);
        for (var i = 0; i < RateLimitedApiFactory.PerUserPerMinute; i++) await busy.GetAsync("/api/users/profile/");
        Assert.Equal((HttpStatusCode)429, (await busy.GetAsync("/api/users/profile/")).StatusCode);

        var quiet = await factory.ClientFrom("203.0.113.31", second).GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal(RateLimitedApiFactory.PerUserPerMinute - 1, Header(quiet, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Throttled_answer_and_preflights_past_the_limit_carry_the_cors_headers_for_an_allowed_origin()
    {
        var client = factory.ClientFrom("203.0.113.60");
        client.DefaultRequestHeaders.Add("Origin", LmsApiFactory.AllowedOrigin);
        for (var i = 0; i < RateLimitedApiFactory.PerIpPerHour; i++) await client.GetAsync("/api/courses/");

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

        for (var i = 0; i < RateLimitedApiFactory.PerIpPerHour + 2; i++)
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
