using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.SignIn;

public sealed class SignIn001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    /// <summary>What 001's app reads beside the document's sign-in answer (left out of the documented snapshots).</summary>
    internal static readonly string[] AppOnly001 = ["access_token", "refresh_token", "user.role"];

    [Fact]
    public async Task Login_returns_tokens_and_the_user_and_the_token_works_in_that_client()
    {
        var client = await NewClient("Acme Academy");
        await RegisterVerified(client, "asha@example.com");

        var response = await LoginAt(client, "ASHA@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("asha@example.com", body["user"]!["email"]!.GetValue<string>());
        await Contract.MatchDocumented(response, "ok", AppOnly001);
        var profile = await As(body["access"]!.GetValue<string>()).GetAsync(Accounts(client, "user-profile/"));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(body["user"]!["id"]!.GetValue<long>(), (await Json(profile))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Login_also_answers_in_the_names_the_001_app_reads_access_token_refresh_token_and_user_role()
    {
        var client = await NewClient("Acme Academy");
        await RegisterVerified(client, "asha@example.com");

        var response = await LoginAt(client, "asha@example.com");

        await Contract.Match(response, "app-names");
        var body = await Json(response);
        Assert.Equal(body["access"]!.GetValue<string>(), body["access_token"]!.GetValue<string>());
        Assert.Equal(body["refresh"]!.GetValue<string>(), body["refresh_token"]!.GetValue<string>());
        Assert.Equal("student", body["user"]!["role"]!.GetValue<string>());
        var profile = await As(body["access_token"]!.GetValue<string>()).GetAsync(Accounts(client, "user-profile/"));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task The_role_word_in_the_login_is_the_001_profiles_word()
    {
        var login = await Json(await LoginAt(1, "admin@example.com", LmsApiFactory.AdminPassword));

        var profile = await Json(await As(login["access"]!.GetValue<string>()).GetAsync(Accounts(1, "user-profile/")));

        Assert.Equal("admin", login["user"]!["role"]!.GetValue<string>());
        Assert.Equal(profile["role"]!.GetValue<string>(), login["user"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_returns_401_in_drf_form()
    {
        var client = await NewClient("Acme Academy");
        await RegisterVerified(client, "asha@example.com");

        var response = await LoginAt(client, "asha@example.com", "Wrong-Pass-2026");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No active account found with the given credentials", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "wrong-password");
    }

    [Fact]
    public async Task A_user_of_one_client_cannot_sign_in_at_another()
    {
        var two = await NewClient("Two");
        var three = await NewClient("Three");
        await RegisterVerified(two, "asha@example.com");

        var response = await LoginAt(three, "asha@example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No active account found with the given credentials", (await Json(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_default_client_account_signs_in_at_client_1_with_its_email()
    {
        var response = await LoginAt(1, "admin@example.com", LmsApiFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin@example.com", (await Json(response))["user"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_with_missing_fields_returns_400_naming_them()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsync(Accounts(client, "user/login/"), RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("This field is required.", body["email"]![0]!.GetValue<string>());
        Assert.Equal("This field is required.", body["password"]![0]!.GetValue<string>());
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Login_at_an_inactive_client_returns_404()
    {
        var client = await NewClient("Dormant", active: false);

        var response = await Anonymous().PostAsJsonAsync(Accounts(client, "user/login/"), new { email = "a@example.com", password = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Contract.Match(response, "inactive-client");
    }
}
