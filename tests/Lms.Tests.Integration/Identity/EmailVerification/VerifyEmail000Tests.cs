using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.EmailVerification;

/// <summary>000 <c>POST /api/auth/verify-email/</c>, with the token read from the e-mail the registration sent.</summary>
public sealed class VerifyEmail000Tests(LmsApiFactory factory) : Accounts000Test(factory)
{
    [Fact]
    public async Task The_token_from_the_email_verifies_the_account()
    {
        await Register(Registration("verify_me", "verify.me@example.com"));
        var token = TokenIn(await Factory.Mailbox.WaitForAsync("verify.me@example.com"));

        var response = await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Email verified successfully.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "verified");
        var profile = await Json(await As(await SignIn000("verify_me")).GetAsync("/api/auth/profile/"));
        Assert.True(profile["is_verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_used_token_returns_400_naming_token()
    {
        await Register(Registration("twice", "twice@example.com"));
        var token = TokenIn(await Factory.Mailbox.WaitForAsync("twice@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token })).StatusCode);

        var again = await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(["This verification token has already been used."], Messages(await Json(again), "token"));
        await Contract.Match(again, "used");
    }

    [Fact]
    public async Task An_expired_token_returns_400_and_leaves_the_account_unverified()
    {
        await Register(Registration("too_late", "too.late@example.com"));
        var token = TokenIn(await Factory.Mailbox.WaitForAsync("too.late@example.com"));
        var user = As(await SignIn000("too_late")); // before the clock moves: JWTs are checked against real time
        Factory.Clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));

        var response = await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["This verification token has expired."], Messages(await Json(response), "token"));
        await Contract.Match(response, "expired");
        var profile = await Json(await user.GetAsync("/api/auth/profile/"));
        Assert.False(profile["is_verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_token_just_before_its_expiry_still_works()
    {
        await Register(Registration("just_in_time", "in.time@example.com"));
        var token = TokenIn(await Factory.Mailbox.WaitForAsync("in.time@example.com"));
        Factory.Clock.Advance(TimeSpan.FromHours(47));

        var response = await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("x")]
    public async Task An_unknown_token_returns_400_naming_token(string token)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Invalid verification token."], Messages(await Json(response), "token"));
        await Contract.Match(response, "invalid");
    }

    [Fact]
    public async Task A_huge_token_is_an_invalid_token_not_a_server_error()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token = new string('t', 200_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Invalid verification token."], Messages(await Json(response), "token"));
    }

    [Theory]
    [InlineData("{}", "token")]
    [InlineData("{\"token\": \"\"}", "token")]
    [InlineData("{\"token\": 42}", "token")]
    [InlineData("{\"token\": \"abc\", \"email\": \"a@b.c\"}", "email")]
    public async Task A_missing_or_mistyped_token_or_an_unknown_field_returns_400_naming_the_field(string json, string field)
    {
        var response = await Anonymous().PostAsync("/api/auth/verify-email/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))[field]);
    }

    [Fact]
    public async Task Malformed_json_returns_400_with_a_detail()
    {
        var response = await Anonymous().PostAsync("/api/auth/verify-email/", RawJson("{token:"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["detail"]);
    }
}
