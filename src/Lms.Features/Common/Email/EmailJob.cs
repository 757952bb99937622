using Hangfire;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lms.Features.Common.Email;

/// <summary>
/// The Hangfire job that builds the MIME message with MailKit and sends it over SMTP, or, with no SMTP host
/// configured, writes it as an <c>.eml</c> file a developer can open.
/// </summary>
public sealed class EmailJob(IOptions<EmailSettings> options, MailDirectory directory, ILogger<EmailJob> logger)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var mime = Build(settings, message);
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            var path = await directory.WriteAsync(mime, ct);
            logger.LogInformation("E-mail \"{Subject}\" written to {Path} (no SMTP host configured)", message.Subject, path);
            return;
        }

        using var smtp = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable;
        await smtp.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.Username)) await smtp.AuthenticateAsync(settings.Username, settings.Password, ct);
        await smtp.SendAsync(mime, ct);
        await smtp.DisconnectAsync(quit: true, ct);
        logger.LogInformation("E-mail \"{Subject}\" sent through {Host}", message.Subject, settings.SmtpHost);
    }

    public static MimeMessage Build(EmailSettings settings, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}

/// <summary>The pickup directory for <c>.eml</c> files (development and tests).</summary>
public sealed class MailDirectory(string path)
{
    public string Path { get; } = path;

    public async Task<string> WriteAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Path);
        var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}";
        var temp = System.IO.Path.Combine(Path, name + ".tmp");
        var file = System.IO.Path.Combine(Path, name + ".eml");
        await message.WriteToAsync(temp, ct);
        // Readers (a developer's mail client, the tests) only ever see complete .eml files.
        File.Move(temp, file);
        return file;
    }
}
