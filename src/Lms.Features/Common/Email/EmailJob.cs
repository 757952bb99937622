using Hangfire;
using Lms.Features.Common.Tenancy;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lms.Features.Common.Email;

/// <summary>
/// The Hangfire jobs of the outbox. <see cref="SendAsync"/> loads one <see cref="OutgoingEmail"/> by id, builds the MIME
/// message with MailKit and sends it over SMTP, or, with no SMTP host configured, writes it as an <c>.eml</c> file a
/// developer can open; then deletes the row. Logs name the message id only: never the address, subject or body.
/// </summary>
public sealed class EmailJob(IDocumentStore store, IOptions<EmailSettings> options, MailDirectory directory, TimeProvider clock,
    ILogger<EmailJob> logger)
{
    /// <summary>Sends one outbox message. A failure throws, so Hangfire retries; the row stays until it is sent or expires.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task SendAsync(Guid id, CancellationToken ct)
    {
        await using var session = OpenSession();
        var email = await session.LoadAsync<OutgoingEmail>(id, ct);
        if (email is null)
        {
            // Already sent (a retry after the delete), or purged as expired.
            logger.LogInformation("E-mail {MessageId} is no longer in the outbox; nothing to send", id);
            return;
        }
        if (email.IsExpired(clock.GetUtcNow()))
        {
            session.Delete(email);
            await session.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("E-mail {MessageId} expired before it was sent; deleted unsent", id);
            return;
        }

        var where = await DeliverAsync(email.ToMessage(), ct);
        // Sent: the row goes whatever the job's token says, or a retry would send the message twice.
        session.Delete(email);
        await session.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("E-mail {MessageId} {Delivery}", id, where);
    }

    /// <summary>The recurring purge: deletes the outbox rows that expired unsent (their job failed for good, or never came).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task PurgeExpiredAsync(CancellationToken ct)
    {
        await using var session = OpenSession();
        var now = clock.GetUtcNow();
        session.DeleteWhere<OutgoingEmail>(x => x.ExpiresAt <= now);
        await session.SaveChangesAsync(ct);
    }

    private IDocumentSession OpenSession() => store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId));

    private async Task<string> DeliverAsync(EmailMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        var mime = Build(settings, message);
        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            var path = await directory.WriteAsync(mime, ct);
            return $"written to {path} (no SMTP host configured)";
        }

        using var smtp = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable;
        await smtp.ConnectAsync(settings.SmtpHost, settings.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(settings.Username)) await smtp.AuthenticateAsync(settings.Username, settings.Password, ct);
        await smtp.SendAsync(mime, ct);
        await smtp.DisconnectAsync(quit: true, ct);
        return $"sent through {settings.SmtpHost}";
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
