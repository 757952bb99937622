namespace Lms.Features.Common.Email;

/// <summary>
/// The outbox: one rendered e-mail waiting for its send job. <see cref="Mailer"/> stores it in the command's own
/// transaction, so it exists exactly when the command committed; the Hangfire job carries only <see cref="Id"/>, and
/// deletes the row once the message is out. The body holds a code or a link, so the row lives no longer than that code
/// (<see cref="ExpiresAt"/>): an expired row is never sent, and a recurring job deletes the ones no job came for.
/// Not tenanted: one outbox for every client.
/// </summary>
/// <remarks>A Guid id rather than HiLo's long: the id travels in the job's arguments, stands alone and is not guessable.</remarks>
public sealed class OutgoingEmail
{
    public Guid Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public string Html { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The outbox row for a message: it expires with the code in it, or after the default lifetime.</summary>
    public static OutgoingEmail For(EmailMessage message, DateTimeOffset now, TimeSpan defaultLifetime) => new()
    {
        Id = Guid.NewGuid(),
        To = message.To,
        Subject = message.Subject,
        Text = message.Text,
        Html = message.Html,
        CreatedAt = now,
        ExpiresAt = now + (message.ValidFor ?? defaultLifetime),
    };

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    public EmailMessage ToMessage() => new(To, Subject, Text, Html);
}

public sealed class OutgoingEmailSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<OutgoingEmail>().Index(x => x.ExpiresAt);
}
