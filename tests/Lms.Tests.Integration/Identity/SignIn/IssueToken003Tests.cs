using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.SignIn;

public sealed class IssueToken003Tests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Token_with_valid_credentials_returns_access_and_refresh()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/",
            new { username = LmsApiFactory.AdminUsername, password = LmsApiFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(3, body["access"]!.GetValue<string>().Split('.').Length);
        Assert.NotEqual(body["access"]!.GetValue<string>(), body["refresh"]!.GetValue<string>());
        await Contract.Match(response, "ok");
    }

    [Fact]
    public async Task Token_accepts_the_email_as_username()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username = "ADMIN@example.com", password = LmsApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_with_wrong_password_returns_401_in_the_003_envelope()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username = LmsApiFactory.AdminUsername, password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("INVALID_CREDENTIALS", body["error_code"]!.GetValue<string>());
        await Contract.Match(response, "wrong-password");
    }

    [Fact]
    public async Task Token_with_missing_fields_returns_400_naming_them()
    {
        var response = await Anonymous().PostAsync("/api/token/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["username"]);
        Assert.NotNull(body["details"]!["password"]);
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Access_token_is_also_accepted_from_the_access_token_cookie()
    {
        var token = await Login(LmsApiFactory.AdminUsername, LmsApiFactory.AdminPassword);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/profile/");
        request.Headers.Add("Cookie", $"access_token={token}");

        var response = await Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_token_is_not_accepted_as_an_access_token()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username = LmsApiFactory.AdminUsername, password = LmsApiFactory.AdminPassword });
        var refresh = (await Json(response))["refresh"]!.GetValue<string>();

        var profile = await As(refresh).GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.Unauthorized, profile.StatusCode);
    }
}
