using System.Security.Cryptography;
using System.Text;
using Marten.Patching;

namespace Lms.Features.Identity.Codes;

public enum CodePurpose
{
    /// <summary>000: the token e-mailed at registration, sent back to verify-email.</summary>
    EmailVerification,

    /// <summary>001: the 6-digit OTP of a pending sign-up; the account is created when it is verified.</summary>
    Signup,

    /// <summary>004: the 6-digit password-reset OTP (verify, then confirm).</summary>
    PasswordReset,
}

/// <summary>001's pending sign-up: the account to create once its OTP is verified (password already hashed).</summary>
public sealed record PendingSignup(string FirstName, string LastName, string Phone, string PasswordHash);

/// <summary>
/// One outstanding code per (purpose, client, e-mail): a newer code replaces the older one. Only a SHA-256 hash of
/// the code is stored. Wrong tries are counted atomically in the database; after <see cref="OneTimeCodes.MaxAttempts"/>
/// the code is locked and a new one must be requested.
/// </summary>
public sealed class OneTimeCode
{
    /// <summary><c>{purpose}:{client}:{EMAIL}</c> for OTPs, <c>{purpose}:{token hash}</c> for link tokens.</summary>
    public string Id { get; set; } = "";
    public CodePurpose Purpose { get; set; }
    public long ClientId { get; set; }
    public string EmailNormalized { get; set; } = "";
    public long? UserId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public PendingSignup? Signup { get; set; }
}

public enum CodeCheck
{
    Valid,

    /// <summary>No such code, a wrong code, or one already used: indistinguishable to the caller on purpose.</summary>
    Invalid,
    Expired,

    /// <summary>Too many wrong tries: a new code must be requested.</summary>
    Locked,
}

/// <summary>Issues and checks e-mailed codes. Handlers map <see cref="CodeCheck"/> to their document's error body.</summary>
public sealed class OneTimeCodes(TimeProvider clock)
{
    public const int MaxAttempts = 5;

    public static string OtpId(CodePurpose purpose, long clientId, string email) =>
        $"{purpose}:{clientId}:{AccountRules.Key(email)}";

    /// <summary>A new 6-digit OTP for the e-mail (replacing any earlier one, so its attempt count starts again).</summary>
    public string IssueOtp(IDocumentSession session, CodePurpose purpose, long clientId, string email, TimeSpan lifetime,
        long? userId = null, PendingSignup? signup = null)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        session.Store(new OneTimeCode
        {
            Id = OtpId(purpose, clientId, email), Purpose = purpose, ClientId = clientId, EmailNormalized = AccountRules.Key(email),
            UserId = userId, CodeHash = Hash(code), IssuedAt = now, ExpiresAt = now + lifetime, Signup = signup,
        });
        return code;
    }

    /// <summary>A new random link token (000's e-mail verification); only its hash is the record's id.</summary>
    public string IssueToken(IDocumentSession session, CodePurpose purpose, long clientId, long userId, string email, TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        session.Store(new OneTimeCode
        {
            Id = $"{purpose}:{Hash(token)}", Purpose = purpose, ClientId = clientId, EmailNormalized = AccountRules.Key(email),
            UserId = userId, CodeHash = Hash(token), IssuedAt = now, ExpiresAt = now + lifetime,
        });
        return token;
    }

    /// <summary>Looks up a link token. Null when unknown; the caller checks expiry and use.</summary>
    public static Task<OneTimeCode?> FindTokenAsync(IQuerySession session, CodePurpose purpose, string token, CancellationToken ct) =>
        string.IsNullOrEmpty(token) || token.Length > 200
            ? Task.FromResult<OneTimeCode?>(null)
            : session.LoadAsync<OneTimeCode>($"{purpose}:{Hash(token)}", ct);

    /// <summary>
    /// Checks an OTP. The attempt is counted (and committed) before the comparison, atomically in the database, so
    /// parallel guesses cannot get around the limit. On <see cref="CodeCheck.Valid"/> the record is returned; with
    /// <paramref name="consume"/> it is marked used in the caller's unit of work.
    /// </summary>
    public async Task<(CodeCheck Result, OneTimeCode? Code)> CheckOtpAsync(IDocumentSession session, CodePurpose purpose,
        long clientId, string email, string otp, bool consume, CancellationToken ct)
    {
        var id = OtpId(purpose, clientId, email);
        if (await session.LoadAsync<OneTimeCode>(id, ct) is not { UsedAt: null }) return (CodeCheck.Invalid, null);

        session.Patch<OneTimeCode>(id).Increment(x => x.Attempts);
        await session.SaveChangesAsync(ct);
        var record = await session.LoadAsync<OneTimeCode>(id, ct);
        if (record is not { UsedAt: null }) return (CodeCheck.Invalid, null);
        if (record.Attempts > MaxAttempts) return (CodeCheck.Locked, null);
        if (record.ExpiresAt <= clock.GetUtcNow()) return (CodeCheck.Expired, null);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.CodeHash), Encoding.ASCII.GetBytes(Hash(otp ?? ""))))
            return (record.Attempts >= MaxAttempts ? CodeCheck.Locked : CodeCheck.Invalid, null);

        if (consume)
        {
            record.UsedAt = clock.GetUtcNow();
        }
        else
        {
            record.VerifiedAt ??= clock.GetUtcNow();
            record.Attempts -= 1; // a right answer does not use up a try
        }
        session.Store(record);
        return (CodeCheck.Valid, record);
    }

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

public sealed class OneTimeCodesSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<OneTimeCode>().Index(x => x.ExpiresAt);
}
