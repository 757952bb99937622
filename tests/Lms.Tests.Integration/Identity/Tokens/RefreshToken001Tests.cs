using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Tokens;

public sealed class RefreshToken001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    private async Task<HttpResponseMessage> Refresh(string refresh) =>
        await Anonymous().PostAsJsonAsync("/accounts/token/refresh/", new { refresh });

    [Fact]
    public async Task Refresh_returns_a_new_access_and_refresh_token_in_the_same_client()
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, "asha@example.com");

        var response = await Refresh(login["refresh"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.NotEqual(login["refresh"]!.GetValue<string>(), body["refresh"]!.GetValue<string>());
        await Contract.Match(response, "ok");
        var access = body["access"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await As(access).GetAsync(Accounts(client, "user-profile/"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(access).GetAsync(Accounts(1, "user-profile/"))).StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_returns_401_and_revokes_the_whole_family()
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, "asha@example.com");
        var first = login["refresh"]!.GetValue<string>();
        var second = (await Json(await Refresh(first)))["refresh"]!.GetValue<string>();

        var reuse = await Refresh(first);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal("Token is invalid or expired", (await Json(reuse))["detail"]!.GetValue<string>());
        await Contract.Match(reuse, "reused");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(second)).StatusCode);
        // A new sign-in is a new family and works.
        var again = await Json(await LoginAt(client, "asha@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await Refresh(again["refresh"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task Refresh_with_an_access_token_or_garbage_returns_401()
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, "asha@example.com");

        var access = await Refresh(login["access"]!.GetValue<string>());
        var garbage = await Refresh("eyJhbGciOiJub25lIn0.e30.");

        Assert.Equal(HttpStatusCode.Unauthorized, access.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task Refresh_without_a_token_returns_400()
    {
        var response = await Anonymous().PostAsync("/accounts/token/refresh/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This field is required.", (await Json(response))["refresh"]![0]!.GetValue<string>());
        await Contract.Match(response, "missing-refresh");
    }

    [Fact]
    public async Task A_refresh_token_of_a_deactivated_client_is_refused_and_stays_unused()
    {
        var client = await NewClient("Acme Academy");
        var refresh = (await SignedIn(client, "asha@example.com"))["refresh"]!.GetValue<string>();
        await SetActive(client, false);

        var refused = await Refresh(refresh);
        await SetActive(client, true);
        var later = await Refresh(refresh);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task An_expired_refresh_token_returns_401()
    {
        var client = await NewClient("Acme Academy");
        var refresh = (await SignedIn(client, "asha@example.com"))["refresh"]!.GetValue<string>();
        Factory.Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(refresh)).StatusCode);
    }
}
