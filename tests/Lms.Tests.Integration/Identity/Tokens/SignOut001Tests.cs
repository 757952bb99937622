using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Tokens;

public sealed class SignOut001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    [Fact]
    public async Task Logout_blacklists_the_refresh_token_so_refreshing_fails()
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, "asha@example.com");
        var refresh = login["refresh"]!.GetValue<string>();

        var response = await As(login["access"]!.GetValue<string>()).PostAsJsonAsync(Accounts(client, "user/logout/"), new { refresh });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Successfully logged out", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "logged-out");
        var refreshed = await Anonymous().PostAsJsonAsync("/accounts/token/refresh/", new { refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
    }

    [Fact]
    public async Task Logout_also_ends_the_tokens_rotated_from_the_same_sign_in()
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, "asha@example.com");
        var first = login["refresh"]!.GetValue<string>();
        var rotated = (await Json(await Anonymous().PostAsJsonAsync("/accounts/token/refresh/", new { refresh = first })))["refresh"]!.GetValue<string>();

        await As(login["access"]!.GetValue<string>()).PostAsJsonAsync(Accounts(client, "user/logout/"), new { refresh = first });

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync("/accounts/token/refresh/", new { refresh = rotated })).StatusCode);
    }

    [Fact]
    public async Task Logout_without_a_refresh_token_returns_400()
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, "asha@example.com");

        var response = await As(login["access"]!.GetValue<string>()).PostAsync(Accounts(client, "user/logout/"), RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This field is required.", (await Json(response))["refresh"]![0]!.GetValue<string>());
        await Contract.Match(response, "missing-refresh");
    }

    [Fact]
    public async Task Logout_with_a_garbage_or_someone_elses_refresh_token_returns_400_and_revokes_nothing()
    {
        var client = await NewClient("Acme Academy");
        var asha = await SignedIn(client, "asha@example.com");
        var ravi = await SignedIn(client, "ravi@example.com");
        var http = As(asha["access"]!.GetValue<string>());

        var garbage = await http.PostAsJsonAsync(Accounts(client, "user/logout/"), new { refresh = "not.a.token" });
        var foreign = await http.PostAsJsonAsync(Accounts(client, "user/logout/"), new { refresh = ravi["refresh"]!.GetValue<string>() });
        var access = await http.PostAsJsonAsync(Accounts(client, "user/logout/"), new { refresh = asha["access"]!.GetValue<string>() });

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("Token is invalid or expired", (await Json(garbage))["detail"]!.GetValue<string>());
        await Contract.Match(garbage, "invalid-refresh");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, access.StatusCode);
        var stillWorks = await Anonymous().PostAsJsonAsync("/accounts/token/refresh/", new { refresh = ravi["refresh"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task Logout_without_an_access_token_returns_401()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsJsonAsync(Accounts(client, "user/logout/"), new { refresh = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
