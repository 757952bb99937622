using System.Net;
using System.Net.Sockets;
using System.Text;
using Lms.Features.Common.Email;
using Lms.Features.Common.Persistence;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// E-mail goes out through a Hangfire job after the command commits. With an SMTP host configured MailKit speaks SMTP to
/// it (here a minimal SMTP server on a local socket); without one the job writes the MIME message as an .eml file.
/// </summary>
public sealed class EmailDeliveryTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task A_queued_message_is_written_by_the_Hangfire_job_only_after_commit()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Mailer>()
                .Send(EmailTemplates.SignupOtp("queued@example.com", "Queued <User>", "123456", 10));
            // Nothing is sent before the unit of work commits and runs its after-commit work.
            await Task.Delay(1500);
            Assert.Empty(Factory.Mailbox.To("queued@example.com"));
            await scope.ServiceProvider.GetRequiredService<AfterCommit>().RunAsync(CancellationToken.None);
        }

        var message = await Factory.Mailbox.WaitForAsync("queued@example.com");
        Assert.Equal("Your verification code", message.Subject);
        Assert.Contains("Your verification code is 123456", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Queued &lt;User&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("123456", Mailbox.Otp(message));
    }

    [Fact]
    public async Task With_an_SMTP_host_MailKit_delivers_the_message_over_SMTP()
    {
        using var smtp = new TinySmtpServer();
        var settings = new EmailSettings
        {
            SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, Security = "None", From = "Lms <no-reply@lms.test>",
        };
        var job = new EmailJob(Options.Create(settings), new MailDirectory(Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid())),
            NullLogger<EmailJob>.Instance);

        await job.SendAsync(EmailTemplates.PasswordResetOtp("reader@example.com", "Reader", "654321", 10), CancellationToken.None);

        var received = await smtp.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("<no-reply@lms.test>", received.From);
        Assert.Equal(["<reader@example.com>"], received.To);
        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        Assert.Equal("Your password reset code", message.Subject);
        Assert.Contains("Use the code 654321 to reset your password", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_SMTP_host_fails_the_job_so_Hangfire_retries_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var job = new EmailJob(Options.Create(new EmailSettings { SmtpHost = "127.0.0.1", SmtpPort = port, Security = "None" }),
            new MailDirectory(Path.GetTempPath()), NullLogger<EmailJob>.Instance);

        await Assert.ThrowsAnyAsync<SocketException>(() =>
            job.SendAsync(EmailTemplates.SignupOtp("x@example.com", "X", "000000", 10), CancellationToken.None));
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
