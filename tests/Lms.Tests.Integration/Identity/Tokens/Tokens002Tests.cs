using System.Net;
using System.Net.Http.Json;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Lms.Features.Identity.Tokens;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity.Tokens;

/// <summary>002's login, logout and refresh: JWT pairs, rotation, blacklisting, DRF error bodies.</summary>
public sealed class Tokens002Tests(LmsApiFactory factory) : Accounts002Test(factory)
{
    private const string LoginPath = "/api/users/auth/login/";
    private const string LogoutPath = "/api/users/auth/logout/";
    private const string RefreshPath = "/api/users/auth/refresh/";

    [Fact]
    public async Task Login_returns_both_tokens_and_the_user()
    {
        var created = await Register002(Registration("student@example.com"));

        var response = await Anonymous().PostAsJsonAsync(LoginPath, new { email = "Student@Example.com", password = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["access", "refresh", "user"], Keys(body));
        Assert.Equal(["email", "full_name", "id", "role"], Keys(body["user"]));
        Assert.Equal(created["id"]!.GetValue<long>(), body["user"]!["id"]!.GetValue<long>());
        Assert.Equal("student@example.com", body["user"]!["email"]!.GetValue<string>());
        Assert.Equal("student", body["user"]!["role"]!.GetValue<string>());
        Assert.Equal("John Doe", body["user"]!["full_name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await As(body["access"]!.GetValue<string>()).GetAsync("/api/users/profile/")).StatusCode);
        await Contract.Match(response, "ok");
    }

    [Fact]
    public async Task Login_accepts_accounts_of_the_other_documents_with_their_role_in_002s_words()
    {
        var (_, _, username) = await NewUser("teacher"); // registered through 003 as an instructor/teacher

        var response = await Anonymous().PostAsJsonAsync(LoginPath, new { email = $"{username}@example.com", password = "Sturdy-Pass-2026" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await Json(response))["user"]!;
        Assert.Equal("teacher", user["role"]!.GetValue<string>());
        Assert.Equal("Test teacher", user["full_name"]!.GetValue<string>());

        var admin = await Anonymous().PostAsJsonAsync(LoginPath, new { email = "admin@example.com", password = LmsApiFactory.AdminPassword });
        Assert.Equal("admin", (await Json(admin))["user"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_returns_the_documented_401()
    {
        await Register002(Registration("student@example.com"));

        var response = await Anonymous().PostAsJsonAsync(LoginPath, new { email = "student@example.com", password = "WrongPass123!" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        Assert.Equal("Invalid email or password.", body["detail"]!.GetValue<string>());
        await Contract.Match(response, "wrong-password");
    }

    [Fact]
    public async Task Login_with_an_unknown_email_or_a_username_answers_exactly_like_a_wrong_password()
    {
        var (_, _, username) = await NewUser();
        var wrong = await (await Anonymous().PostAsJsonAsync(LoginPath, new { email = $"{username}@example.com", password = "WrongPass123!" }))
            .Content.ReadAsStringAsync();

        var unknown = await Anonymous().PostAsJsonAsync(LoginPath, new { email = "nobody@example.com", password = Password });
        var byUsername = await Anonymous().PostAsJsonAsync(LoginPath, new { email = username, password = "Sturdy-Pass-2026" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byUsername.StatusCode);
        Assert.Equal(wrong, await unknown.Content.ReadAsStringAsync());
        Assert.Equal(wrong, await byUsername.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_of_a_deactivated_account_answers_like_a_wrong_password()
    {
        var created = await Register002(Registration("student@example.com"));
        await SetActive(created["id"]!.GetValue<long>(), false);

        var response = await Anonymous().PostAsJsonAsync(LoginPath, new { email = "student@example.com", password = Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid email or password.", (await Json(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_with_missing_fields_returns_400_naming_them()
    {
        var response = await Anonymous().PostAsync(LoginPath, RawJson("{\"email\": \"  \"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "email", "password");
        await Contract.Match(response, "missing-fields");
    }

    [Theory]
    [InlineData("{\"email\": [\"a@example.com\"], \"password\": \"x\"}")]
    [InlineData("{\"email\": \"a@example.com\", \"password\": \"x\", \"remember\": true}")]
    [InlineData("not json")]
    [InlineData("{\"email\": \"a@example.com\", \"password\": \"\\u0000\"}")]
    public async Task Login_with_hostile_input_returns_a_4xx_in_drf_format(string json)
    {
        var response = await Anonymous().PostAsync(LoginPath, RawJson(json));

        Assert.True((int)response.StatusCode is 400 or 401, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.False((await Json(response)).AsObject().ContainsKey("success"));
    }

    [Fact]
    public async Task Login_with_a_huge_password_returns_400_without_hashing_it()
    {
        var response = await Anonymous().PostAsJsonAsync(LoginPath, new { email = "a@example.com", password = new string('p', 100_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Ensure this field has no more than 128 characters."], Messages(await Json(response), "password"));
    }

    [Fact]
    public async Task Refresh_returns_a_new_access_token_and_the_rotated_refresh_token()
    {
        await Register002(Registration("student@example.com"));
        var (_, refresh) = await Login002("student@example.com");

        var response = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["access", "refresh"], Keys(body));
        Assert.NotEqual(refresh, body["refresh"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await As(body["access"]!.GetValue<string>()).GetAsync("/api/users/profile/")).StatusCode);
        await Contract.Match(response, "refreshed");

        // The rotated token refreshes again.
        var again = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = body["refresh"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_returns_401_and_revokes_every_token_of_that_sign_in()
    {
        await Register002(Registration("student@example.com"));
        var (_, original) = await Login002("student@example.com");
        var (_, otherDevice) = await Login002("student@example.com");
        var rotated = (await Json(await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = original })))["refresh"]!.GetValue<string>();

        var reuse = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = original });

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        var body = await Json(reuse);
        AssertDrfOnly(body, "detail");
        await Contract.Match(reuse, "reused");
        // The thief's (or the owner's) newer token of that family is dead too; another sign-in is untouched.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = rotated })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = otherDevice })).StatusCode);
    }

    [Fact]
    public async Task Refresh_with_an_invalid_token_returns_401_in_drf_format()
    {
        var response = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = "not.a.token" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        Assert.Equal("Token is invalid or expired", body["detail"]!.GetValue<string>());
        await Contract.Match(response, "invalid");
    }

    [Fact]
    public async Task Refresh_with_an_access_token_returns_401()
    {
        await Register002(Registration("student@example.com"));
        var (access, _) = await Login002("student@example.com");

        var response = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = access });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_after_the_refresh_token_expired_returns_401()
    {
        await Register002(Registration("student@example.com"));
        var (_, refresh) = await Login002("student@example.com");
        Factory.Clock.Advance(TimeSpan.FromDays(8));

        var response = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_with_a_token_of_another_client_returns_403_and_rotates_nothing()
    {
        var refresh = await SignInAtClient2();

        var response = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        await Contract.Match(response, "other-client");
        // Not rotated: presenting it again is not reuse (which would be a 401 and revoke it).
        Assert.Equal(HttpStatusCode.Forbidden, (await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh })).StatusCode);
    }

    [Fact]
    public async Task Refresh_without_a_token_returns_400_naming_refresh()
    {
        var response = await Anonymous().PostAsync(RefreshPath, RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "refresh");
        Assert.Equal(["This field is required."], Messages(body, "refresh"));
        await Contract.Match(response, "missing");
    }

    [Fact]
    public async Task Logout_returns_the_documented_message_and_the_refresh_token_stops_working()
    {
        await Register002(Registration("student@example.com"));
        var (access, refresh) = await Login002("student@example.com");

        var response = await As(access).PostAsJsonAsync(LogoutPath, new { refresh });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        Assert.Equal("Successfully logged out.", body["detail"]!.GetValue<string>());
        await Contract.Match(response, "logged-out");

        var refreshed = await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        await Contract.Match(refreshed, "refresh-after-logout");
    }

    [Fact]
    public async Task Logout_also_kills_the_tokens_rotated_from_that_sign_in()
    {
        await Register002(Registration("student@example.com"));
        var (access, original) = await Login002("student@example.com");
        var rotated = (await Json(await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = original })))["refresh"]!.GetValue<string>();

        var response = await As(access).PostAsJsonAsync(LogoutPath, new { refresh = rotated });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = rotated })).StatusCode);
    }

    [Fact]
    public async Task Logout_twice_with_one_token_succeeds_both_times()
    {
        await Register002(Registration("student@example.com"));
        var (access, refresh) = await Login002("student@example.com");

        await As(access).PostAsJsonAsync(LogoutPath, new { refresh });
        var again = await As(access).PostAsJsonAsync(LogoutPath, new { refresh });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Logout_with_another_users_refresh_token_returns_400_and_leaves_it_working()
    {
        await Register002(Registration("victim@example.com"));
        await Register002(Registration("caller@example.com"));
        var (_, victimRefresh) = await Login002("victim@example.com");
        var (callerAccess, _) = await Login002("caller@example.com");

        var response = await As(callerAccess).PostAsJsonAsync(LogoutPath, new { refresh = victimRefresh });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        await Contract.Match(response, "foreign-token");
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync(RefreshPath, new { refresh = victimRefresh })).StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("access")]
    public async Task Logout_with_something_that_is_not_a_refresh_token_returns_400(string kind)
    {
        await Register002(Registration("student@example.com"));
        var (access, _) = await Login002("student@example.com");

        var response = await As(access).PostAsJsonAsync(LogoutPath, new { refresh = kind == "access" ? access : "garbage.token.value" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertDrfOnly(await Json(response), "detail");
    }

    [Fact]
    public async Task Logout_without_a_refresh_token_returns_400_naming_it()
    {
        await Register002(Registration("student@example.com"));
        var (access, _) = await Login002("student@example.com");

        var response = await As(access).PostAsync(LogoutPath, RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["This field is required."], Messages(await Json(response), "refresh"));
    }

    [Fact]
    public async Task Logout_without_an_access_token_returns_the_documented_401()
    {
        var response = await Anonymous().PostAsJsonAsync(LogoutPath, new { refresh = "whatever" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        Assert.Equal("Authentication credentials were not provided.", body["detail"]!.GetValue<string>());
        await Contract.Match(response, "no-token");
    }

    /// <summary>A refresh token of a client-2 account. 001's sign-up (another slice) is not needed for this: stored directly.</summary>
    private async Task<string> SignInAtClient2()
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("2");
        var user = User.Create("elsewhere", "elsewhere@example.com", "Else", "Where", Role.Student, DateTimeOffset.UtcNow);
        session.Store(user);
        var pair = Factory.Services.GetRequiredService<TokenService>().Issue(session, user, 2);
        await session.SaveChangesAsync();
        return pair.Refresh;
    }
}
