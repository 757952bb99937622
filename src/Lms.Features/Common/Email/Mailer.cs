using Hangfire;
using Lms.Features.Common.Persistence;
using Microsoft.Extensions.Options;

namespace Lms.Features.Common.Email;

/// <summary>
/// Queues an e-mail: the rendered message goes into the outbox (<see cref="OutgoingEmail"/>) in the current command's
/// session, so it commits or rolls back with the command; once the command has committed, a Hangfire job is enqueued
/// with the outbox id only. No message goes out for a transaction that rolled back, no code or link is in a job's
/// arguments, and a slow or failing SMTP server never holds up or fails the request (the job retries).
/// </summary>
/// <remarks>
/// <paramref name="session"/> is the request's scoped session, the one the unit-of-work behaviour saves: both are resolved
/// from the request's scope. Outside a command nothing saves it, so nothing is sent.
/// </remarks>
public sealed class Mailer(IDocumentSession session, AfterCommit afterCommit, IBackgroundJobClient jobs, TimeProvider clock,
    IOptions<EmailSettings> options)
{
    public void Send(EmailMessage message)
    {
        var email = OutgoingEmail.For(message, clock.GetUtcNow(), TimeSpan.FromHours(options.Value.OutboxHours));
        session.Insert(email);
        var id = email.Id;
        afterCommit.Add(() => jobs.Enqueue<EmailJob>(job => job.SendAsync(id, CancellationToken.None)));
    }
}
