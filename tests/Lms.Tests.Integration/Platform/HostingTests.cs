using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Platform;

/// <summary>What every route gets from the host: health, bodies for 404/405/415, request-body hygiene, correlation ids.</summary>
public sealed class HostingTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_healthy(string path)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Unknown_api_route_returns_404_json_in_the_neighbours_format()
    {
        var response = await Anonymous().GetAsync("/api/nope/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not found.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "not-found");
    }

    [Fact]
    public async Task Unknown_route_under_a_003_prefix_returns_404_in_the_003_envelope()
    {
        var response = await Anonymous().GetAsync("/api/progress/nope/deeper/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("NOT_FOUND", body["error_code"]!.GetValue<string>());
        await Contract.Match(response, "not-found-003");
    }

    [Fact]
    public async Task Wrong_method_returns_405_json_in_the_003_envelope()
    {
        var response = await Anonymous().DeleteAsync("/api/token/");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response);
        Assert.Equal("METHOD_NOT_ALLOWED", body["error_code"]!.GetValue<string>());
        Assert.Contains("POST", response.Content.Headers.Allow);
        await Contract.Match(response, "method-not-allowed");
    }

    [Fact]
    public async Task Text_plain_body_returns_415_json()
    {
        var response = await Anonymous().PostAsync("/api/token/",
            new StringContent("username=admin&password=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", body["error_code"]!.GetValue<string>());
        await Contract.Match(response, "unsupported-media-type");
    }

    [Fact]
    public async Task Malformed_json_returns_400_parse_error()
    {
        var response = await Anonymous().PostAsync("/api/token/", RawJson("{\"username\": \"admin\", \"password\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("PARSE_ERROR", body["error_code"]!.GetValue<string>());
        Assert.StartsWith("JSON parse error", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await Contract.Match(response, "malformed-json");
    }

    [Fact]
    public async Task Empty_body_returns_400()
    {
        var response = await Anonymous().PostAsync("/api/token/", RawJson(""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        await Contract.Match(response, "empty-body");
    }

    [Fact]
    public async Task Wrong_json_type_for_a_field_returns_400_naming_the_field()
    {
        var response = await Anonymous().PostAsync("/api/token/", RawJson("{\"username\": 42, \"password\": \"x\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.Equal("Not a valid string.", body["details"]!["username"]![0]!.GetValue<string>());
        await Contract.Match(response, "wrong-type");
    }

    [Fact]
    public async Task Two_megabyte_string_field_is_refused_with_a_4xx_not_a_500()
    {
        var huge = new string('a', 2 * 1024 * 1024);

        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username = huge, password = "x" });

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"status {status}");
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.True((await response.Content.ReadAsStringAsync()).Length < 10_000, "the error does not echo the huge value");
    }

    /// <summary>The serializer's depth limit (32) stops the read; the client gets the parse error, not a 500.</summary>
    [Fact]
    public async Task Deeply_nested_json_returns_400_parse_error()
    {
        const int depth = 100;
        var json = "{\"username\": " + new string('[', depth) + new string(']', depth) + ", \"password\": \"x\"}";

        var response = await Anonymous().PostAsync("/api/token/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("PARSE_ERROR", body["error_code"]!.GetValue<string>());
        Assert.Empty(body["details"]!.AsObject());
    }

    [Fact]
    public async Task Given_correlation_id_is_echoed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/profile/");
        request.Headers.Add("X-Correlation-ID", "req-4711-abc");

        var response = await Anonymous().SendAsync(request);

        Assert.Equal("req-4711-abc", Assert.Single(response.Headers.GetValues("X-Correlation-ID")));
    }

    [Fact]
    public async Task Missing_or_oversized_correlation_id_is_replaced_by_a_generated_one()
    {
        var plain = await Anonymous().GetAsync("/health/live");
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-ID", new string('z', 65));
        var oversized = await Anonymous().SendAsync(request);

        var generated = Assert.Single(plain.Headers.GetValues("X-Correlation-ID"));
        Assert.False(string.IsNullOrWhiteSpace(generated));
        var replaced = Assert.Single(oversized.Headers.GetValues("X-Correlation-ID"));
        Assert.NotEqual(new string('z', 65), replaced);
        Assert.NotEqual(generated, replaced);
    }
}
