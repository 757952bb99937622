using System.Net;
using System.Net.Sockets;
using System.Text;
using Lms.Features.Common;
using Lms.Features.Common.Behaviors;
using Lms.Features.Common.Email;
using Lms.Features.Common.Errors;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// E-mail goes through the outbox: <see cref="Mailer"/> stores the rendered message in the command's transaction and, once
/// it committed, enqueues a Hangfire job with the outbox id; the job sends the message and deletes the row. With an SMTP
/// host configured MailKit speaks SMTP to it (here a minimal SMTP server on a local socket); without one the job writes
/// the MIME message as an .eml file.
/// </summary>
public sealed class EmailDeliveryTests(LmsApiFactory factory) : ApiTest(factory)
{
    private sealed record Probe : IRequest<bool>, ICommand;

    /// <summary>Runs <paramref name="handler"/> as a command's handler: the real unit of work saves once, then enqueues.</summary>
    private async Task RunCommand(Func<Mailer, IDocumentSession, Task> handler)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var behaviour = new UnitOfWorkBehavior<Probe, bool>(services);
        await behaviour.Handle(new Probe(), CancellationToken.None, async () =>
        {
            await handler(services.GetRequiredService<Mailer>(), services.GetRequiredService<IDocumentSession>());
            return true;
        });
    }

    private async Task<IReadOnlyList<OutgoingEmail>> Outbox()
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession("1");
        return await session.Query<OutgoingEmail>().ToListAsync();
    }

    private async Task<Guid> Store(OutgoingEmail email)
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().LightweightSession("1");
        session.Insert(email);
        await session.SaveChangesAsync();
        return email.Id;
    }

    private static OutgoingEmail Row(EmailMessage message, DateTimeOffset now) => OutgoingEmail.For(message, now, TimeSpan.FromHours(1));

    private EmailJob JobWith(EmailSettings settings, string? directory = null) => new(Factory.Services.GetRequiredService<IDocumentStore>(),
        Options.Create(settings), new MailDirectory(directory ?? Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid())),
        Factory.Clock, NullLogger<EmailJob>.Instance);

    [Fact]
    public async Task A_message_is_stored_with_the_command_and_sent_by_the_Hangfire_job_only_after_commit_then_deleted()
    {
        await RunCommand(async (mailer, session) =>
        {
            mailer.Send(EmailTemplates.SignupOtp("queued@example.com", "Queued <User>", "123456", 10));
            // Before the unit of work commits: no row anyone else can see, no job, nothing sent.
            await Task.Delay(1500);
            Assert.Empty(await Outbox());
            Assert.Empty(Factory.Mailbox.To("queued@example.com"));
            // The row is in the command's own session, so it commits with the command.
            Assert.Equal("queued@example.com", Assert.Single(session.PendingChanges.InsertsFor<OutgoingEmail>()).To);
        });

        var message = await Factory.Mailbox.WaitForAsync("queued@example.com");
        Assert.Equal("Your verification code", message.Subject);
        Assert.Contains("Your verification code is 123456", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Queued &lt;User&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("123456", Mailbox.Otp(message));
        // Sent, so the row (which holds the code) is gone.
        for (var i = 0; i < 100 && (await Outbox()).Count > 0; i++) await Task.Delay(100);
        Assert.Empty(await Outbox());
    }

    [Fact]
    public async Task A_command_that_fails_leaves_no_outbox_row_and_sends_nothing()
    {
        await Assert.ThrowsAsync<PermissionDenied>(() => RunCommand((mailer, _) =>
        {
            mailer.Send(EmailTemplates.PasswordResetOtp("rolledback@example.com", "Rolled Back", "222333", 10));
            throw new PermissionDenied();
        }));

        await Task.Delay(1500);
        Assert.Empty(await Outbox());
        Assert.Empty(Factory.Mailbox.To("rolledback@example.com"));
    }

    [Fact]
    public async Task An_OTP_message_expires_with_its_code_and_a_link_message_after_the_outbox_lifetime()
    {
        var now = Factory.Clock.GetUtcNow();
        var hours = Factory.Services.GetRequiredService<IOptions<EmailSettings>>().Value.OutboxHours;
        List<OutgoingEmail> stored = [];

        await RunCommand((mailer, session) =>
        {
            mailer.Send(EmailTemplates.PasswordResetOtp("otp.lifetime@example.com", "O", "444555", 10));
            mailer.Send(EmailTemplates.Verification("link.lifetime@example.com", "L", "http://x/verify-email?token=t", "t"));
            stored = [.. session.PendingChanges.InsertsFor<OutgoingEmail>()];
            return Task.CompletedTask;
        });

        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.InRange(e.CreatedAt, now, now.AddMinutes(1)));
        var otp = stored.Single(e => e.To == "otp.lifetime@example.com");
        var link = stored.Single(e => e.To == "link.lifetime@example.com");
        Assert.Equal(TimeSpan.FromMinutes(10), otp.ExpiresAt - otp.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(hours), link.ExpiresAt - link.CreatedAt);
        await Factory.Mailbox.WaitForAsync("otp.lifetime@example.com");
        await Factory.Mailbox.WaitForAsync("link.lifetime@example.com");
    }

    [Fact]
    public async Task An_expired_message_is_deleted_unsent()
    {
        var now = Factory.Clock.GetUtcNow();
        var id = await Store(Row(EmailTemplates.SignupOtp("expired@example.com", "Late", "777888", 10), now.AddMinutes(-11)));
        var directory = Path.Combine(Factory.DataDirectory, "expired-mail");

        await JobWith(new EmailSettings(), directory).SendAsync(id, CancellationToken.None);

        Assert.Empty(await Outbox());
        Assert.Empty(new Mailbox(directory).To("expired@example.com"));
    }

    [Fact]
    public async Task A_job_whose_message_is_gone_does_nothing()
    {
        var directory = Path.Combine(Factory.DataDirectory, "gone-mail");

        await JobWith(new EmailSettings(), directory).SendAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.False(Directory.Exists(directory) && Directory.EnumerateFiles(directory).Any());
    }

    [Fact]
    public async Task The_recurring_purge_deletes_expired_rows_and_keeps_live_ones()
    {
        var now = Factory.Clock.GetUtcNow();
        await Store(Row(EmailTemplates.SignupOtp("dead@example.com", "Dead", "101010", 10), now.AddMinutes(-30)));
        var live = await Store(Row(EmailTemplates.SignupOtp("live@example.com", "Live", "202020", 10), now));

        await JobWith(new EmailSettings()).PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal([live], (await Outbox()).Select(e => e.Id));
    }

    [Fact]
    public async Task With_an_SMTP_host_MailKit_delivers_the_message_over_SMTP_and_the_row_is_deleted()
    {
        using var smtp = new TinySmtpServer();
        var job = JobWith(new EmailSettings { SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, Security = "None", From = "Lms <no-reply@lms.test>" });
        var id = await Store(Row(EmailTemplates.PasswordResetOtp("reader@example.com", "Reader", "654321", 10), Factory.Clock.GetUtcNow()));

        await job.SendAsync(id, CancellationToken.None);

        var received = await smtp.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("<no-reply@lms.test>", received.From);
        Assert.Equal(["<reader@example.com>"], received.To);
        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        Assert.Equal("Your password reset code", message.Subject);
        Assert.Contains("Use the code 654321 to reset your password", message.TextBody, StringComparison.Ordinal);
        Assert.Empty(await Outbox());
    }

    [Fact]
    public async Task An_unreachable_SMTP_host_fails_the_job_and_keeps_the_row_so_Hangfire_retries_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var job = JobWith(new EmailSettings { SmtpHost = "127.0.0.1", SmtpPort = port, Security = "None" });
        var id = await Store(Row(EmailTemplates.SignupOtp("x@example.com", "X", "000000", 10), Factory.Clock.GetUtcNow()));

        await Assert.ThrowsAnyAsync<SocketException>(() => job.SendAsync(id, CancellationToken.None));

        Assert.Equal([id], (await Outbox()).Select(e => e.Id));
        var retry = typeof(EmailJob).GetMethod(nameof(EmailJob.SendAsync))!.GetCustomAttributes(typeof(Hangfire.AutomaticRetryAttribute), false);
        Assert.Equal(5, Assert.IsType<Hangfire.AutomaticRetryAttribute>(Assert.Single(retry)).Attempts);
    }

    /// <summary>Just enough of RFC 5321 for one message: EHLO, MAIL, RCPT, DATA, QUIT.</summary>
    private sealed class TinySmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public TinySmtpServer()
        {
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public TaskCompletionSource<(string From, List<string> To, string Data)> Received { get; } = new();

        private async Task ServeAsync()
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync();
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost ESMTP test");
                string from = "";
                var to = new List<string>();
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 localhost");
                            break;
                        case "MAIL":
                            from = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0];
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            to.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync() is { } d && d != ".")
                                data.Append(d.StartsWith("..", StringComparison.Ordinal) ? d[1..] : d).Append("\r\n");
                            await writer.WriteLineAsync("250 OK queued");
                            Received.TrySetResult((from, to, data.ToString()));
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                Received.TrySetException(e);
            }
        }

        public void Dispose() => _listener.Stop();
    }
}
