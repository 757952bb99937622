using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Lms.Features.Identity.Clients;
using Lms.Features.Identity.Tokens;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity;

/// <summary>Helpers for 001's account routes: clients created through the API, the OTP sign-up flow, logins.</summary>
public abstract class Accounts001Test(LmsApiFactory factory) : ApiTest(factory)
{
    protected const string Password = "Sturdy-Pass-2026";

    protected static string Accounts(long client, string rest) =>
        $"/accounts/clients/{client.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{rest}";

    /// <summary>Creates a client (tenant) as the platform admin; returns its id.</summary>
    protected async Task<long> NewClient(string name, bool active = true)
    {
        var admin = await AsAdmin();
        var response = await admin.PostAsJsonAsync("/accounts/clients/", new { name, is_active = active });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"create client failed: {(int)response.StatusCode} {body}");
        return body["id"]!.GetValue<long>();
    }

    protected static object SignUpBody(string email, string? phone = null, string password = Password) => new
    {
        first_name = "Asha", last_name = "Rao", email, phone = phone ?? "", password, confirm_password = password,
    };

    protected async Task<HttpResponseMessage> SignUp(long client, string email, string? phone = null) =>
        await Anonymous().PostAsJsonAsync(Accounts(client, "user/signup/"), SignUpBody(email, phone));

    /// <summary>
    /// Runs <paramref name="action"/> and returns the code of the OTP e-mail it sent (read from the real .eml file). The
    /// mail directory lives as long as the test host, so the e-mails earlier tests sent to the address are skipped.
    /// </summary>
    protected async Task<string> OtpAfter(string email, Func<Task<HttpResponseMessage>> action)
    {
        var before = Factory.Mailbox.To(email).Count;
        var response = await action();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"no OTP sent: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Mailbox.Otp(await Factory.Mailbox.WaitForAsync(email, before + 1));
    }

    /// <summary>Signs up and returns the e-mailed OTP.</summary>
    protected Task<string> SignUpForOtp(long client, string email, string? phone = null) => OtpAfter(email, () => SignUp(client, email, phone));

    protected async Task<HttpResponseMessage> Resend(long client, string email) =>
        await Anonymous().PostAsJsonAsync(Accounts(client, "user/resend-verification-email/"), new { email });

    protected async Task<HttpResponseMessage> Verify(long client, string email, string otp) =>
        await Anonymous().PostAsJsonAsync(Accounts(client, "user/verify-email/"), new { email, otp });

    /// <summary>Signs up and verifies through the API; the account exists afterwards.</summary>
    protected async Task RegisterVerified(long client, string email, string? phone = null)
    {
        var verified = await Verify(client, email, await SignUpForOtp(client, email, phone));
        Assert.True(verified.StatusCode == HttpStatusCode.Created, $"verify failed: {await verified.Content.ReadAsStringAsync()}");
    }

    protected async Task<HttpResponseMessage> LoginAt(long client, string email, string password = Password) =>
        await Anonymous().PostAsJsonAsync(Accounts(client, "user/login/"), new { email, password });

    /// <summary>Registers, verifies and signs in; returns the login body (access, refresh, user).</summary>
    protected async Task<JsonNode> SignedIn(long client, string email)
    {
        await RegisterVerified(client, email);
        var login = await LoginAt(client, email);
        var body = await Json(login);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login failed: {body}");
        return body;
    }

    /// <summary>Switches a client off or on (no route edits a client; arranged in the store).</summary>
    protected async Task SetActive(long client, bool active)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("1");
        var c = await session.LoadAsync<Client>(client);
        c!.IsActive = active;
        session.Store(c);
        await session.SaveChangesAsync();
    }

    /// <summary>An admin of another client (no route creates one: arranged in the store, as the tenancy tests do).</summary>
    protected async Task<string> ClientAdminToken(long client)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession(client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var user = User.Create($"admin{client}", $"admin{client}@example.com", "Client", "Admin", Role.Admin, DateTimeOffset.UtcNow);
        user.PasswordHash = Passwords.Hash(user, Password);
        session.Insert(user);
        var pair = Factory.Services.GetRequiredService<TokenService>().Issue(session, user, client);
        await session.SaveChangesAsync();
        return pair.Access;
    }
}
