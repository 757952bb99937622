namespace Lms.Features.Common.Email;

/// <summary>
/// A rendered e-mail. <see cref="Mailer"/> keeps it in the outbox (<see cref="OutgoingEmail"/>); it never goes into a
/// Hangfire job's arguments, since its body holds a code or a link.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Text, string Html)
{
    /// <summary>How long the message is worth sending (the lifetime of the code in it); null: <c>Lms:Email:OutboxHours</c>.</summary>
    public TimeSpan? ValidFor { get; init; }
}

/// <summary>
/// The templates: 000's verification link, 001's sign-up OTP and 004's password-reset OTP. Plain text and HTML,
/// with every user value HTML-encoded. The code is in the body only, never in the subject (which mail servers, clients
/// and logs show far more widely); no document prescribes a subject.
/// </summary>
public static class EmailTemplates
{
    public static EmailMessage Verification(string to, string name, string link, string token) => Render(to,
        "Verify your e-mail address",
        $"Hello {name},\n\nPlease confirm your e-mail address by opening this link:\n{link}\n\n" +
        $"Or send this token to the verify-email endpoint: {token}\n\nIf you did not create an account, ignore this message.",
        $"<p>Hello {Enc(name)},</p><p>Please confirm your e-mail address: <a href=\"{Enc(link)}\">verify my e-mail</a>.</p>" +
        $"<p>Or send this token to the verify-email endpoint: <code>{Enc(token)}</code></p><p>If you did not create an account, ignore this message.</p>");

    public static EmailMessage SignupOtp(string to, string name, string code, int minutes) => Render(to,
        "Your verification code",
        $"Hello {name},\n\nYour verification code is {code}. It expires in {minutes} minutes.\n\nIf you did not sign up, ignore this message.",
        $"<p>Hello {Enc(name)},</p><p>Your verification code is <strong>{Enc(code)}</strong>. It expires in {minutes} minutes.</p>" +
        "<p>If you did not sign up, ignore this message.</p>") with { ValidFor = TimeSpan.FromMinutes(minutes) };

    public static EmailMessage PasswordResetOtp(string to, string name, string code, int minutes) => Render(to,
        "Your password reset code",
        $"Hello {name},\n\nUse the code {code} to reset your password. It expires in {minutes} minutes.\n\n" +
        "If you did not ask to reset your password, ignore this message; your password is unchanged.",
        $"<p>Hello {Enc(name)},</p><p>Use the code <strong>{Enc(code)}</strong> to reset your password. It expires in {minutes} minutes.</p>" +
        "<p>If you did not ask to reset your password, ignore this message; your password is unchanged.</p>")
        with { ValidFor = TimeSpan.FromMinutes(minutes) };

    private static EmailMessage Render(string to, string subject, string text, string html) =>
        new(to, subject, text, $"<!doctype html><html><body>{html}</body></html>");

    private static string Enc(string s) => System.Net.WebUtility.HtmlEncode(s);
}
