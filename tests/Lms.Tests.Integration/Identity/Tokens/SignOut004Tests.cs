using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Tokens;

public sealed class SignOut004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    [Fact]
    public async Task Logout_with_the_bearer_token_returns_200_and_its_refresh_token_stops_working()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsync("/api/logout/", null);

        await Contract.Match(response, "logged-out");
        var refresh = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = Str(tokens["refresh"]) });
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }

    [Fact]
    public async Task Logout_with_cookies_clears_both_cookies_and_the_refresh_token_then_fails()
    {
        await RegisterTeacher("teach1");
        var browser = Anonymous();
        var tokens = await Tokens(await TeacherLogin(browser, "teach1"));

        var response = await browser.PostAsync("/api/logout/", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[] { "access_token", "refresh_token" })
        {
            var cleared = Cookie(response, name);
            Assert.StartsWith($"{name}=;", cleared, StringComparison.Ordinal);
            Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        }
        // The browser has no cookie left to refresh with, and the old token is revoked.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/api/token/refresh/", null)).StatusCode);
        var reuse = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = Str(tokens["refresh"]) });
        Assert.Equal("Invalid refresh token", Str((await Json(reuse))["error"]));
    }

    [Fact]
    public async Task Logout_ends_only_that_sign_in()
    {
        await RegisterTeacher("teach1");
        var phone = await Tokens(await TeacherLogin(Anonymous(), "teach1"));
        var laptop = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        await As(Str(phone["access"])).PostAsync("/api/logout/", null);

        var laptopRefresh = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = Str(laptop["refresh"]) });
        Assert.Equal(HttpStatusCode.OK, laptopRefresh.StatusCode);
    }

    [Fact]
    public async Task Logout_without_a_token_returns_401_in_the_004_shape()
    {
        var response = await Anonymous().PostAsync("/api/logout/", null);

        await Contract.Match(response, "anonymous");
    }

    [Fact]
    public async Task The_api_v1_alias_logs_out_too()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsync("/api/v1/logout/", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
