using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

public sealed class SignUp001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    [Fact]
    public async Task Signup_answers_200_and_emails_an_otp_but_creates_no_account_yet()
    {
        var client = await NewClient("Acme Academy");

        var response = await SignUp(client, "first.signup@example.com", "+91 98765 43210");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OTP sent to your email", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "otp-sent");
        var mail = await Factory.Mailbox.WaitForAsync("first.signup@example.com");
        Assert.Matches(@"^\d{6}$", Mailbox.Otp(mail));
        Assert.Contains("Asha", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAt(client, "first.signup@example.com")).StatusCode);
    }

    [Fact]
    public async Task Signup_with_missing_fields_returns_400_naming_each_field()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsync(Accounts(client, "user/signup/"), RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        foreach (var field in new[] { "first_name", "last_name", "email", "password", "confirm_password" })
            Assert.Equal("This field is required.", body[field]![0]!.GetValue<string>());
        Assert.Null(body["phone"]);
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Signup_with_a_weak_password_and_a_mismatched_confirmation_lists_every_problem()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsJsonAsync(Accounts(client, "user/signup/"), new
        {
            first_name = "Asha", last_name = "Rao", email = "not-an-email", phone = "12ab", password = "1234567", confirm_password = "7654321",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("Enter a valid email address.", body["email"]![0]!.GetValue<string>());
        Assert.Equal("Enter a valid phone number.", body["phone"]![0]!.GetValue<string>());
        Assert.Equal("Passwords do not match.", body["confirm_password"]![0]!.GetValue<string>());
        Assert.Equal(2, body["password"]!.AsArray().Count);
        await Contract.Match(response, "invalid-fields");
        Assert.Empty(Factory.Mailbox.To("not-an-email"));
    }

    [Fact]
    public async Task Signup_with_an_email_taken_in_this_client_returns_400_but_the_same_email_is_free_in_another_client()
    {
        var first = await NewClient("First");
        var second = await NewClient("Second");
        await RegisterVerified(first, "taken@example.com", "+1 555 0100 200");

        var taken = await Anonymous().PostAsJsonAsync(Accounts(first, "user/signup/"), SignUpBody("TAKEN@example.com", "+1 (555) 0100-200"));
        var elsewhere = await SignUp(second, "taken@example.com", "+1 555 0100 200");

        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var body = await Json(taken);
        Assert.Equal("A user with this email already exists.", body["email"]![0]!.GetValue<string>());
        Assert.Equal("A user with this phone number already exists.", body["phone"]![0]!.GetValue<string>());
        await Contract.Match(taken, "taken");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Signup_at_an_unknown_client_returns_404_not_found()
    {
        var response = await SignUp(987654, "asha@example.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "unknown-client");
    }

    [Fact]
    public async Task Signup_at_an_inactive_client_returns_404_and_sends_nothing()
    {
        var client = await NewClient("Dormant", active: false);

        var response = await SignUp(client, "dormant@example.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Factory.Mailbox.To("dormant@example.com"));
    }

    [Fact]
    public async Task Signup_with_a_non_numeric_client_id_is_a_drf_404()
    {
        var response = await Anonymous().PostAsJsonAsync("/accounts/clients/acme/user/signup/", SignUpBody("asha@example.com"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", (await Json(response))["detail"]!.GetValue<string>());
    }
}
