using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.SignIn;

/// <summary>000 <c>POST /api/auth/login/</c>.</summary>
public sealed class SignIn000Tests(LmsApiFactory factory) : Accounts000Test(factory)
{
    [Fact]
    public async Task Login_returns_a_token_pair_and_the_user_and_the_access_token_works()
    {
        var created = await Register(Registration("login_ok", userType: "tutor"));

        var response = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "login_ok", password = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(created["id"]!.GetValue<long>(), body["user"]!["id"]!.GetValue<long>());
        Assert.Equal("tutor", body["user"]!["user_type"]!.GetValue<string>());
        Assert.DoesNotContain("password", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await Contract.Match(response, "ok");
        var profile = await As(body["access"]!.GetValue<string>()).GetAsync("/api/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task The_000_apps_refresh_at_api_token_refresh_answers_access_and_the_new_access_works_at_000()
    {
        var created = await Register(Registration("refresher"));
        var login = await Json(await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "refresher", password = Password }));

        // As 000's app does (src/lib/api.ts): a fresh client, the stored refresh token in the body, then only access kept.
        var response = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = login["refresh"]!.GetValue<string>() });

        await Contract.Match(response, "refresh-at-api-token-refresh");
        var access = (await Json(response))["access"]!.GetValue<string>();
        Assert.NotEqual(login["access"]!.GetValue<string>(), access);
        var profile = await As(access).GetAsync("/api/auth/profile/");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(created["id"]!.GetValue<long>(), (await Json(profile))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_second_refresh_with_the_first_refresh_token_is_refused_and_a_new_login_works()
    {
        await Register(Registration("refresher"));
        var login = await Json(await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "refresher", password = Password }));
        var refresh = login["refresh"]!.GetValue<string>();
        var first = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh });

        // 000's app keeps only the new access; refresh tokens rotate (as the original's ROTATE_REFRESH_TOKENS and
        // BLACKLIST_AFTER_ROTATION did), so the kept one is spent and the app goes back to its login.
        var second = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await As(await SignIn000("refresher")).GetAsync("/api/auth/profile/")).StatusCode);
    }

    [Fact]
    public async Task Login_accepts_the_email_in_the_username_field_in_any_case()
    {
        await Register(Registration("by_mail", "By.Mail@Example.com"));

        var response = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "by.mail@example.COM", password = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("by_mail", (await Json(response))["user"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_works_for_an_account_registered_through_another_document()
    {
        var (_, id, username) = await NewUser("teacher"); // 003's registration

        var response = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username, password = "Sturdy-Pass-2026" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await Json(response))["user"]!;
        Assert.Equal(id, user["id"]!.GetValue<long>());
        Assert.Equal("tutor", user["user_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_returns_401_with_simplejwts_detail()
    {
        await Register(Registration("wrong_pw"));

        var response = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "wrong_pw", password = "Not-The-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await Json(response)).AsObject();
        Assert.Equal("No active account found with the given credentials", body["detail"]!.GetValue<string>());
        Assert.Single(body);
        await Contract.Match(response, "bad-credentials");
    }

    [Fact]
    public async Task Login_with_an_unknown_username_answers_exactly_like_a_wrong_password()
    {
        await Register(Registration("known"));
        var wrong = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "known", password = "Not-The-Password-1" });

        var unknown = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "nobody_here", password = "Not-The-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_without_fields_returns_400_naming_both()
    {
        var response = await Anonymous().PostAsync("/api/auth/login/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["This field is required."], Messages(body, "username"));
        Assert.Equal(["This field is required."], Messages(body, "password"));
        await Contract.Match(response, "missing-fields");
    }

    [Theory]
    [InlineData("{\"username\": \"a\", \"password\": \"b\", \"remember\": true}", "remember")]
    [InlineData("{\"username\": [\"a\"], \"password\": \"b\"}", "username")]
    [InlineData("{\"username\": \"a\", \"password\": 12345678}", "password")]
    public async Task Login_with_unknown_fields_or_wrong_types_returns_400_naming_the_field(string json, string field)
    {
        var response = await Anonymous().PostAsync("/api/auth/login/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))[field]);
    }

    [Fact]
    public async Task Login_with_malformed_json_or_huge_strings_returns_400()
    {
        var malformed = await Anonymous().PostAsync("/api/auth/login/", RawJson("{\"username\""));
        var huge = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = new string('u', 50_000), password = new string('p', 50_000) });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await Json(malformed))["detail"]);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        var body = await Json(huge);
        Assert.Equal(["Ensure this field has no more than 254 characters."], Messages(body, "username"));
        Assert.Equal(["Ensure this field has no more than 128 characters."], Messages(body, "password"));
    }
}
