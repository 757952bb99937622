namespace Lms.Features.Common.Email;

/// <summary>
/// Configuration section <c>Lms:Email</c>. With <see cref="SmtpHost"/> empty, messages are written as <c>.eml</c>
/// files under <see cref="PickupDirectory"/> (the development default: <c>.data/mail/</c>) instead of being sent.
/// </summary>
public sealed class EmailSettings
{
    public string From { get; set; } = "Lms <no-reply@lms.local>";
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; } = 587;

    /// <summary>MailKit's SecureSocketOptions: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string Username { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>Relative paths are under the data directory. Used only while no SMTP host is set.</summary>
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>Where links in e-mails point (000's verification link): the web client's base URL.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8000";

    /// <summary>Minutes an e-mailed OTP stays valid.</summary>
    public int OtpMinutes { get; set; } = 10;

    /// <summary>Hours a 000 e-mail verification token stays valid.</summary>
    public int VerificationTokenHours { get; set; } = 48;

    /// <summary>
    /// Hours a queued message without a lifetime of its own (000's verification link) may wait in the outbox to be
    /// sent; an OTP message waits only as long as its code is valid. An older message is deleted unsent.
    /// </summary>
    public int OutboxHours { get; set; } = 48;
}
