namespace Lms.Features.Identity;

/// <summary>Account lookups shared by the documents' registration and sign-in slices.</summary>
public static class Usernames
{
    /// <summary>
    /// A free username for documents whose sign-up has none (001, 002): the e-mail's local part, made safe, with a
    /// number appended when taken.
    /// </summary>
    public static async Task<string> FreeFromEmailAsync(IQuerySession session, string email, CancellationToken ct)
    {
        var local = email.Split('@')[0];
        var stem = new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+').ToArray());
        if (stem.Length < 5) stem = (stem + "user").PadRight(5, '0');
        if (stem.Length > 140) stem = stem[..140];
        var normalizedStem = AccountRules.Key(stem);
        var taken = (await session.Query<User>()
                .Where(u => u.UsernameNormalized.StartsWith(normalizedStem))
                .Select(u => u.UsernameNormalized)
                .Take(1000)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(normalizedStem)) return stem;
        for (var i = 2; ; i++)
        {
            var candidate = $"{stem}{i}";
            if (!taken.Contains(AccountRules.Key(candidate))) return candidate;
        }
    }

    /// <summary>Which of username, email and phone are taken in the current client (one query), except by <paramref name="exceptUserId"/>.</summary>
    public static async Task<HashSet<string>> TakenAsync(IQuerySession session, string? username, string? email, string? phone,
        CancellationToken ct, long? exceptUserId = null)
    {
        // An absent value becomes a single space, which no stored key can be (keys are trimmed or digits only).
        const string none = " ";
        var u = string.IsNullOrWhiteSpace(username) ? none : AccountRules.Key(username);
        var e = string.IsNullOrWhiteSpace(email) ? none : AccountRules.Key(email);
        var p = User.PhoneKeyOf(phone) ?? none;
        var except = exceptUserId ?? -1;
        var hits = await session.Query<User>()
            .Where(x => x.Id != except && (x.UsernameNormalized == u || x.EmailNormalized == e || x.PhoneKey == p))
            .Select(x => new { x.UsernameNormalized, x.EmailNormalized, x.PhoneKey })
            .Take(3)
            .ToListAsync(ct);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in hits)
        {
            if (h.UsernameNormalized == u) taken.Add("username");
            if (h.EmailNormalized == e) taken.Add("email");
            if (h.PhoneKey == p) taken.Add("phone");
        }
        return taken;
    }

    /// <summary>Finds an account of the current client by e-mail (case-insensitive).</summary>
    public static Task<User?> ByEmailAsync(IQuerySession session, string email, CancellationToken ct)
    {
        var e = AccountRules.Key(email);
        return session.Query<User>().FirstOrDefaultAsync(x => x.EmailNormalized == e, ct);
    }

    /// <summary>Finds an account of the current client by username (case-insensitive).</summary>
    public static Task<User?> ByUsernameAsync(IQuerySession session, string username, CancellationToken ct)
    {
        var n = AccountRules.Key(username);
        return session.Query<User>().FirstOrDefaultAsync(x => x.UsernameNormalized == n, ct);
    }
}
