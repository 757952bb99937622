using Hangfire;
using Lms.Features.Common.Persistence;

namespace Lms.Features.Common.Email;

/// <summary>
/// Queues an e-mail to be sent by a Hangfire job once the current command has committed: no message goes out for a
/// transaction that rolled back, and a slow or failing SMTP server never holds up or fails the request (the job retries).
/// </summary>
public sealed class Mailer(AfterCommit afterCommit, IBackgroundJobClient jobs)
{
    public void Send(EmailMessage message) =>
        afterCommit.Add(() => jobs.Enqueue<EmailJob>(job => job.SendAsync(message, CancellationToken.None)));
}
