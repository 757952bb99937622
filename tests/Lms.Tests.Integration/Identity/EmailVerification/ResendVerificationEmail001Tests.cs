using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.EmailVerification;

public sealed class ResendVerificationEmail001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    [Fact]
    public async Task Resend_emails_a_new_code_that_replaces_the_old_one()
    {
        var client = await NewClient("Acme Academy");
        var old = await SignUpForOtp(client, "asha@example.com");
        HttpResponseMessage response = null!;

        var fresh = await OtpAfter("asha@example.com", async () => response = await Resend(client, "asha@example.com"));

        Assert.Equal("OTP sent to your email", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "otp-sent");
        if (old != fresh)
            Assert.Equal("Invalid OTP.", (await Json(await Verify(client, "asha@example.com", old)))["otp"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await Verify(client, "asha@example.com", fresh)).StatusCode);
        // The account has the sign-up's details, not anything the resend call carried.
        var login = await Json(await LoginAt(client, "asha@example.com"));
        Assert.Equal("Asha", login["user"]!["first_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resend_without_a_pending_signup_answers_the_same_200_and_sends_nothing()
    {
        var client = await NewClient("Acme Academy");
        await RegisterVerified(client, "done@example.com");
        var mailsBefore = Factory.Mailbox.To("done@example.com").Count;

        var unknown = await Resend(client, "nobody@example.com");
        var verified = await Resend(client, "done@example.com");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await verified.Content.ReadAsStringAsync());
        // A later e-mail to another address proves the job queue ran past these requests.
        await SignUpForOtp(client, "later@example.com");
        Assert.Empty(Factory.Mailbox.To("nobody@example.com"));
        Assert.Equal(mailsBefore, Factory.Mailbox.To("done@example.com").Count);
    }

    [Fact]
    public async Task Resend_unlocks_a_locked_code_with_a_fresh_one()
    {
        var client = await NewClient("Acme Academy");
        var old = await SignUpForOtp(client, "asha@example.com");
        for (var i = 0; i < 5; i++) await Verify(client, "asha@example.com", old == "000000" ? "111111" : "000000");

        var fresh = await OtpAfter("asha@example.com", () => Resend(client, "asha@example.com"));

        Assert.Equal(HttpStatusCode.Created, (await Verify(client, "asha@example.com", fresh)).StatusCode);
    }

    [Fact]
    public async Task Resend_after_expiry_gives_a_code_that_works()
    {
        var client = await NewClient("Acme Academy");
        await SignUpForOtp(client, "asha@example.com");
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var fresh = await OtpAfter("asha@example.com", () => Resend(client, "asha@example.com"));

        Assert.Equal(HttpStatusCode.Created, (await Verify(client, "asha@example.com", fresh)).StatusCode);
    }

    [Fact]
    public async Task Resend_with_an_invalid_email_returns_400()
    {
        var client = await NewClient("Acme Academy");

        var response = await Resend(client, "no-at-sign");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter a valid email address.", (await Json(response))["email"]![0]!.GetValue<string>());
        await Contract.Match(response, "invalid-email");
    }

    [Fact]
    public async Task Resend_at_an_unknown_client_returns_404()
    {
        var response = await Resend(424242, "asha@example.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
