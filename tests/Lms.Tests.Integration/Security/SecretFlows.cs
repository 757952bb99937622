using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lms.Tests.Integration.Infrastructure;
using MimeKit;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// Drives, through HTTP, every flow that e-mails a code or a link: 000 register (verification link and token), 001
/// sign-up and its resend (OTPs), 004 password-reset request (OTP), and then uses each code as a client would. With
/// <see cref="SignInAndRefreshEverywhereAsync"/> also signs in and refreshes through 001, 002, 003 and 004. Every secret it
/// handles is collected: the codes and tokens read from the delivered e-mails, the passwords it sent, the JWTs it got.
/// </summary>
internal sealed partial class SecretFlows(LmsApiFactory factory)
{
    private readonly string _run = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    /// <summary>The 6-digit OTPs from the e-mails.</summary>
    public List<string> Codes { get; } = [];

    /// <summary>000's verification tokens (the link carries the same token).</summary>
    public List<string> Tokens { get; } = [];

    public List<string> Passwords { get; } = [LmsApiFactory.AdminPassword];

    /// <summary>Every access and refresh token received.</summary>
    public List<string> Jwts { get; } = [];

    public IEnumerable<string> All => [.. Codes, .. Tokens, .. Passwords, .. Jwts];

    /// <summary>How many e-mails the flows caused (each one a job).</summary>
    public int Emails { get; private set; }

    private string Username000 => $"jobs_{_run}";
    private string Email000 => $"jobs.{_run}@example.com";
    private string SignupEmail => $"asha.{_run}@example.com";
    private string TeacherUsername => $"tess_{_run}";
    private string TeacherEmail => $"tess.{_run}@example.com";
    private long _client;
    private string _password000 = "", _signupPassword = "", _teacherPassword = "";

    private string NewPassword()
    {
        var password = $"Pw-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}-Zq";
        Passwords.Add(password);
        return password;
    }

    /// <summary>Every flow that e-mails a code or a token, each code then used; the e-mails are awaited and read.</summary>
    public async Task EmailEveryCodeAsync()
    {
        // 000 POST /api/auth/register/: a verification link and token; then POST /api/auth/verify-email/.
        _password000 = NewPassword();
        await Ok(Anonymous().PostAsJsonAsync("/api/auth/register/", new
        {
            username = Username000, email = Email000, password = _password000, password_confirm = _password000,
            first_name = "Jo", last_name = "Bs", user_type = "student",
        }), HttpStatusCode.Created);
        var token = VerifyToken().Match((await Mail(Email000, 1)).TextBody ?? "") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("no verification token in the 000 e-mail");
        Tokens.Add(token);
        await Ok(Anonymous().PostAsJsonAsync("/api/auth/verify-email/", new { token }));

        // 001 POST /accounts/clients/{client_id}/user/signup/ and resend-verification-email/: two OTPs; the second verifies.
        var admin = await Bearer("/api/token/", new { username = LmsApiFactory.AdminUsername, password = LmsApiFactory.AdminPassword });
        var client = await Json(await Ok(admin.PostAsJsonAsync("/accounts/clients/", new { name = $"Acme {_run}", is_active = true })));
        _client = client["id"]!.GetValue<long>();
        _signupPassword = NewPassword();
        await Ok(Anonymous().PostAsJsonAsync(Accounts("user/signup/"), new
        {
            first_name = "Asha", last_name = "Rao", email = SignupEmail, phone = "", password = _signupPassword, confirm_password = _signupPassword,
        }));
        Codes.Add(Mailbox.Otp(await Mail(SignupEmail, 1)));
        await Ok(Anonymous().PostAsJsonAsync(Accounts("user/resend-verification-email/"), new { email = SignupEmail }));
        var resent = Mailbox.Otp(await Mail(SignupEmail, 2));
        Codes.Add(resent);
        await Ok(Anonymous().PostAsJsonAsync(Accounts("user/verify-email/"), new { email = SignupEmail, otp = resent }), HttpStatusCode.Created);

        // 004 POST /api/password-reset/request/: an OTP; then verify/ and confirm/ with a new password.
        _teacherPassword = NewPassword();
        await Ok(Anonymous().PostAsJsonAsync("/api/teacher/teacher-register/", new
        {
            first_name = "Tess", last_name = "Teacher", username = TeacherUsername, email = TeacherEmail,
            phone = "0101" + RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
            password1 = _teacherPassword, password2 = _teacherPassword,
        }), HttpStatusCode.Created);
        await Ok(Anonymous().PostAsJsonAsync("/api/password-reset/request/", new { email = TeacherEmail }));
        var reset = Mailbox.Otp(await Mail(TeacherEmail, 1));
        Codes.Add(reset);
        await Ok(Anonymous().PostAsJsonAsync("/api/password-reset/verify/", new { email = TeacherEmail, otp = reset }));
        _teacherPassword = NewPassword();
        await Ok(Anonymous().PostAsJsonAsync("/api/password-reset/confirm/", new
        {
            email = TeacherEmail, otp = reset, new_password1 = _teacherPassword, new_password2 = _teacherPassword,
        }));
    }

    /// <summary>After <see cref="EmailEveryCodeAsync"/>: sign-ins and refreshes through each document's routes.</summary>
    public async Task SignInAndRefreshEverywhereAsync()
    {
        // 000 and 003 sign-ins; 002's e-mail sign-in and refresh (the same account: one user table).
        await PairFrom("/api/auth/login/", new { username = Username000, password = _password000 });
        await PairFrom("/api/token/", new { username = Username000, password = _password000 });
        var lms = await PairFrom("/api/users/auth/login/", new { email = Email000, password = _password000 });
        await PairFrom("/api/users/auth/refresh/", new { refresh = lms.Refresh });

        // 001: the account the verified OTP created.
        var account = await PairFrom(Accounts("user/login/"), new { email = SignupEmail, password = _signupPassword });
        await PairFrom("/accounts/token/refresh/", new { refresh = account.Refresh });

        // 004: the teacher with the password set by the reset.
        var teacher = await PairFrom("/api/teacher/login/", new { username = TeacherUsername, password = _teacherPassword });
        await PairFrom("/api/token/refresh/", new { refresh = teacher.Refresh });
    }

    private string Accounts(string rest) => $"/accounts/clients/{_client.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{rest}";

    private HttpClient Anonymous() => factory.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<(string Access, string Refresh)> PairFrom(string path, object body)
    {
        var json = await Json(await Ok(Anonymous().PostAsJsonAsync(path, body)));
        var pair = (json["access"]!.GetValue<string>(), json["refresh"]!.GetValue<string>());
        Jwts.Add(pair.Item1);
        Jwts.Add(pair.Item2);
        return pair;
    }

    private async Task<HttpClient> Bearer(string path, object body)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await PairFrom(path, body)).Access);
        return client;
    }

    private async Task<MimeMessage> Mail(string address, int nth)
    {
        var message = await factory.Mailbox.WaitForAsync(address, nth);
        Emails++;
        return message;
    }

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [GeneratedRegex(@"/verify-email\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex VerifyToken();
}
