using System.Text.RegularExpressions;
using MimeKit;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// Reads the <c>.eml</c> files the e-mail job wrote with MailKit (no SMTP host is configured in tests), so tests
/// assert on the real MIME message: recipient, subject, text and HTML parts.
/// </summary>
public sealed partial class Mailbox(string directory)
{
    /// <summary>Deletes every message (before each test, so an address reused by another test starts empty).</summary>
    public void Clear()
    {
        if (!Directory.Exists(directory)) return;
        foreach (var f in Directory.GetFiles(directory, "*.eml")) File.Delete(f);
    }

    /// <summary>All messages to the address so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.GetFiles(directory, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>Waits (the Hangfire job runs after the commit) until the address has received <paramref name="count"/> messages.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, int count = 1, int timeoutSeconds = 30)
    {
        for (var i = 0; i < timeoutSeconds * 10; i++)
        {
            var messages = To(address);
            if (messages.Count >= count) return messages[count - 1];
            await Task.Delay(100);
        }
        throw new TimeoutException($"no e-mail #{count} to {address} within {timeoutSeconds} s");
    }

    /// <summary>The 6-digit code in an OTP message's text (the subject never holds it).</summary>
    public static string Otp(MimeMessage message) =>
        SixDigits().Match(message.TextBody ?? "") is { Success: true } m ? m.Value : throw new InvalidOperationException("no OTP in " + message.TextBody);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
