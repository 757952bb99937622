using System.Net;
using System.Net.Http.Json;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity.EmailVerification;

public sealed class VerifyEmail001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    private static string Wrong(string otp) => otp == "000000" ? "111111" : "000000";

    [Fact]
    public async Task The_whole_signup_flow_creates_a_verified_student_who_can_sign_in()
    {
        var client = await NewClient("Acme Academy");
        var otp = await SignUpForOtp(client, "asha.rao@example.com", "+91 98765 43210");

        var response = await Verify(client, "Asha.Rao@example.com", otp);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Account verified and created successfully", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "created");
        var login = await LoginAt(client, "asha.rao@example.com");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var user = (await Json(login))["user"]!;
        Assert.Equal("Asha", user["first_name"]!.GetValue<string>());
        Assert.Equal("Rao", user["last_name"]!.GetValue<string>());

        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stored = await session.Query<User>().SingleAsync(u => u.EmailNormalized == "asha.rao@example.com");
        Assert.True(stored.EmailVerified);
        Assert.Equal("asha.rao", stored.Username);
        Assert.Equal("919876543210", stored.PhoneKey);
        Assert.Equal("001", stored.RegisteredVia);
        Assert.Equal(Lms.Features.Common.Security.Role.Student, stored.Role);
    }

    [Fact]
    public async Task A_wrong_otp_returns_400_invalid_otp()
    {
        var client = await NewClient("Acme Academy");
        var otp = await SignUpForOtp(client, "asha@example.com");

        var response = await Verify(client, "asha@example.com", Wrong(otp));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid OTP.", (await Json(response))["otp"]![0]!.GetValue<string>());
        await Contract.Match(response, "invalid-otp");
        Assert.Equal(HttpStatusCode.Created, (await Verify(client, "asha@example.com", otp)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_otps_lock_the_code_so_even_the_right_one_is_refused()
    {
        var client = await NewClient("Acme Academy");
        var otp = await SignUpForOtp(client, "asha@example.com");

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
            answers.Add((await Json(await Verify(client, "asha@example.com", Wrong(otp))))["otp"]![0]!.GetValue<string>());
        var right = await Verify(client, "asha@example.com", otp);

        Assert.Equal(["Invalid OTP.", "Invalid OTP.", "Invalid OTP.", "Invalid OTP.", "Too many attempts. Please request a new OTP."], answers);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal("Too many attempts. Please request a new OTP.", (await Json(right))["otp"]![0]!.GetValue<string>());
        await Contract.Match(right, "locked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAt(client, "asha@example.com")).StatusCode);
    }

    [Fact]
    public async Task An_expired_otp_returns_400_asking_for_a_new_one()
    {
        var client = await NewClient("Acme Academy");
        var otp = await SignUpForOtp(client, "asha@example.com");
        Factory.Clock.Advance(TimeSpan.FromMinutes(11));

        var response = await Verify(client, "asha@example.com", otp);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("OTP has expired. Please request a new one.", (await Json(response))["otp"]![0]!.GetValue<string>());
        await Contract.Match(response, "expired");
    }

    [Fact]
    public async Task An_otp_still_works_just_before_it_expires()
    {
        var client = await NewClient("Acme Academy");
        var otp = await SignUpForOtp(client, "asha@example.com");
        Factory.Clock.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(HttpStatusCode.Created, (await Verify(client, "asha@example.com", otp)).StatusCode);
    }

    [Fact]
    public async Task Verifying_without_a_pending_signup_returns_400_saying_so()
    {
        var client = await NewClient("Acme Academy");

        var response = await Verify(client, "nobody@example.com", "123456");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("No pending sign-up for this email. Please sign up first.", (await Json(response))["email"]![0]!.GetValue<string>());
        await Contract.Match(response, "no-pending-signup");
    }

    [Fact]
    public async Task Verifying_again_after_success_says_the_email_is_already_verified()
    {
        var client = await NewClient("Acme Academy");
        var otp = await SignUpForOtp(client, "asha@example.com");
        await Verify(client, "asha@example.com", otp);

        var again = await Verify(client, "asha@example.com", otp);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("This email is already verified. Please log in.", (await Json(again))["email"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pending_signup_of_one_client_cannot_be_verified_at_another()
    {
        var first = await NewClient("First");
        var second = await NewClient("Second");
        var otp = await SignUpForOtp(first, "asha@example.com");

        var elsewhere = await Verify(second, "asha@example.com", otp);

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Verify(first, "asha@example.com", otp)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAt(second, "asha@example.com")).StatusCode);
    }

    [Fact]
    public async Task Verify_with_missing_fields_returns_400_naming_them()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsync(Accounts(client, "user/verify-email/"), RawJson("{\"otp\": \"\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("This field is required.", body["email"]![0]!.GetValue<string>());
        Assert.Equal("This field is required.", body["otp"]![0]!.GetValue<string>());
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Simultaneous_verifications_of_one_signup_create_exactly_one_account()
    {
        var client = await NewClient("Acme Academy");
        for (var round = 0; round < 5; round++)
        {
            var email = $"racer{round}@example.com";
            var otp = await SignUpForOtp(client, email);

            var results = await Race(Enumerable.Range(0, 3).Select(_ => (Accounts(client, "user/verify-email/"), (object)new { email, otp })));

            var statuses = results.Select(r => r.StatusCode).Order().ToArray();
            var bodies = string.Join(" / ", await Task.WhenAll(results.Select(r => r.Content.ReadAsStringAsync())));
            Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest]), bodies);
            Assert.Equal(1, await AccountsWithEmail(client, email));
        }
    }

    [Fact]
    public async Task Two_signups_of_one_email_verified_at_once_create_exactly_one_account()
    {
        var client = await NewClient("Acme Academy");
        var first = await SignUpForOtp(client, "twice@example.com");
        var second = await SignUpForOtp(client, "twice@example.com");

        var results = await Race([
            (Accounts(client, "user/verify-email/"), new { email = "twice@example.com", otp = first }),
            (Accounts(client, "user/verify-email/"), new { email = "twice@example.com", otp = second }),
        ]);

        // The second sign-up replaced the first: only its code is valid.
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.BadRequest);
        Assert.Equal(1, await AccountsWithEmail(client, "twice@example.com"));
    }

    private async Task<HttpResponseMessage[]> Race(IEnumerable<(string Path, object Body)> requests)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = new List<Task<HttpResponseMessage>>();
        foreach (var (path, body) in requests)
        {
            var http = Anonymous();
            var content = JsonContent.Create(body);
            await content.LoadIntoBufferAsync();
            tasks.Add(Task.Run(async () =>
            {
                await start.WaitAsync();
                return await http.PostAsync(path, content);
            }));
        }
        start.Release(tasks.Count);
        return await Task.WhenAll(tasks);
    }

    private async Task<int> AccountsWithEmail(long client, string email)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var normalized = AccountRules.Key(email);
        return await session.Query<User>().CountAsync(u => u.EmailNormalized == normalized);
    }
}
