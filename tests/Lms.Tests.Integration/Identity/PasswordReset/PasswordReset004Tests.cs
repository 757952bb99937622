using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.PasswordReset;

public sealed class PasswordReset004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    /// <summary>Unique per test: the mailbox directory lives as long as the test host, across tests.</summary>
    private readonly string _email = $"reset.{Guid.NewGuid():N}@example.com";
    private const string NewPassword = "Brand-New-Pass-7";

    /// <summary>Registers a teacher with the e-mail, asks for a reset, and returns the OTP from the real e-mail.</summary>
    private async Task<string> Otp(int nth = 1)
    {
        if (nth == 1) await RegisterTeacher("resetter", _email);
        var response = await Anonymous().PostAsJsonAsync("/api/password-reset/request/", new { email = _email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Mailbox.Otp(await WaitForMail(_email, nth));
    }

    private Task<HttpResponseMessage> Verify(string otp, string? email = null) =>
        Anonymous().PostAsJsonAsync("/api/password-reset/verify/", new { email = email ?? _email, otp });

    private Task<HttpResponseMessage> Confirm(string otp, string password = NewPassword) =>
        Anonymous().PostAsJsonAsync("/api/password-reset/confirm/", new { email = _email, otp, new_password1 = password, new_password2 = password });

    private static string Wrong(string otp) => otp == "000000" ? "111111" : "000000";

    [Fact]
    public async Task The_full_flow_request_verify_confirm_resets_the_password_and_signs_out_every_session()
    {
        await RegisterTeacher("resetter", _email);
        var session = await Tokens(await TeacherLogin(Anonymous(), "resetter"));

        var request = await Anonymous().PostAsJsonAsync("/api/password-reset/request/", new { email = _email.ToUpperInvariant() });
        await Contract.Match(request, "requested");
        var mail = await WaitForMail(_email);
        var otp = Mailbox.Otp(mail);
        Assert.Contains(otp, mail.TextBody, StringComparison.Ordinal);

        var verify = await Verify(otp);
        await Contract.Match(verify, "verified");
        var confirm = await Confirm(otp);
        await Contract.Match(confirm, "confirmed");

        Assert.Equal(HttpStatusCode.NotFound, (await TeacherLogin(Anonymous(), "resetter")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TeacherLogin(Anonymous(), "resetter", NewPassword)).StatusCode);
        var oldRefresh = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = Str(session["refresh"]) });
        Assert.Equal(HttpStatusCode.BadRequest, oldRefresh.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_returns_the_documented_400_and_sends_nothing()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/password-reset/request/", new { email = "nobody@example.com" });

        await Contract.Match(response, "unknown-email");
        Assert.Empty(await MailTo("nobody@example.com"));
    }

    [Fact]
    public async Task A_wrong_otp_returns_the_documented_400()
    {
        var otp = await Otp();

        var response = await Verify(Wrong(otp));

        await Contract.Match(response, "invalid-otp");
    }

    [Fact]
    public async Task An_otp_for_an_email_without_a_request_is_invalid()
    {
        var response = await Verify("123456", "never.asked@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Invalid OTP code."], Messages(await Json(response), "otp"));
    }

    [Fact]
    public async Task An_expired_otp_returns_the_documented_400_at_verify_and_confirm()
    {
        var otp = await Otp();
        Factory.Clock.Advance(TimeSpan.FromMinutes(11));

        var verify = await Verify(otp);
        var confirm = await Confirm(otp);

        await Contract.Match(verify, "expired");
        Assert.Equal("OTP expired", Str((await Json(confirm))["error"]));
        Assert.Equal(HttpStatusCode.NotFound, (await TeacherLogin(Anonymous(), "resetter", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task The_otp_is_single_use()
    {
        var otp = await Otp();
        Assert.Equal(HttpStatusCode.OK, (await Confirm(otp)).StatusCode);

        var second = await Confirm(otp, "Third-Pass-2026x");

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(["Invalid OTP code."], Messages(await Json(second), "otp"));
        Assert.Equal(HttpStatusCode.OK, (await TeacherLogin(Anonymous(), "resetter", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_otp_and_then_even_the_right_code_is_refused()
    {
        var otp = await Otp();
        for (var i = 0; i < 4; i++)
            Assert.Equal(["Invalid OTP code."], Messages(await Json(await Verify(Wrong(otp))), "otp"));

        var fifth = await Verify(Wrong(otp));
        var right = await Verify(otp);

        await Contract.Match(fifth, "locked");
        Assert.Equal("OTP locked", Str((await Json(right))["error"]));
        Assert.Equal("OTP locked", Str((await Json(await Confirm(otp)))["error"]));
    }

    [Fact]
    public async Task A_new_request_replaces_a_locked_code()
    {
        var otp = await Otp();
        for (var i = 0; i < 5; i++) await Verify(Wrong(otp));

        var fresh = await Otp(nth: 2);

        Assert.Equal(HttpStatusCode.OK, (await Verify(fresh)).StatusCode);
    }

    [Fact]
    public async Task Verifying_does_not_use_the_code_up_and_does_not_count_as_a_wrong_try()
    {
        var otp = await Otp();
        for (var i = 0; i < 4; i++) await Verify(Wrong(otp));

        Assert.Equal(HttpStatusCode.OK, (await Verify(otp)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Confirm(otp)).StatusCode);
    }

    [Fact]
    public async Task A_weak_or_mismatched_new_password_is_refused_without_spending_the_code()
    {
        var otp = await Otp();

        var weak = await Confirm(otp, "resetter123");
        var mismatch = await Anonymous().PostAsJsonAsync("/api/password-reset/confirm/",
            new { email = _email, otp, new_password1 = NewPassword, new_password2 = "Other-Pass-2026" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(["The password is too similar to the username."], Messages(await Json(weak), "new_password1"));
        await Contract.Match(mismatch, "mismatch");
        Assert.Equal(HttpStatusCode.OK, (await Confirm(otp)).StatusCode);
    }

    [Fact]
    public async Task Missing_fields_return_400_naming_each()
    {
        var response = await Anonymous().PostAsync("/api/password-reset/confirm/", RawJson("{}"));

        await Contract.Match(response, "confirm-missing");
    }

    [Fact]
    public async Task The_api_v1_aliases_reset_too()
    {
        await RegisterTeacher("resetter", _email);

        var request = await Anonymous().PostAsJsonAsync("/api/v1/password-reset/request/", new { email = _email });
        var otp = Mailbox.Otp(await WaitForMail(_email));
        var verify = await Anonymous().PostAsJsonAsync("/api/v1/password-reset/verify/", new { email = _email, otp });
        var confirm = await Anonymous().PostAsJsonAsync("/api/v1/password-reset/confirm/",
            new { email = _email, otp, new_password1 = NewPassword, new_password2 = NewPassword });

        Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
    }
}
