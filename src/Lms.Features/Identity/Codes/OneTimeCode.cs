using System.Security.Cryptography;
using System.Text;
using Lms.Features.Common.Security;
using Marten.Patching;
using Microsoft.Extensions.Options;

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
/// One outstanding code per (purpose, client, e-mail): a newer code replaces the older one. Only a keyed hash
/// (HMAC-SHA256 with a key derived from the installation's secret) of the code is stored, so reading the table does
/// not give away a 6-digit code by trying all million of them. Wrong tries are counted atomically in the database; after <see cref="OneTimeCodes.MaxAttempts"/>
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

    /// <summary>False for a code stored before hashes were keyed (a plain SHA-256), until it expires.</summary>
    public bool Keyed { get; set; }
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
public sealed class OneTimeCodes(TimeProvider clock, IOptions<JwtSettings> jwt)
{
    public const int MaxAttempts = 5;

    /// <summary>The HMAC key: derived (HKDF) from the installation's signing secret, never the secret itself.</summary>
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(jwt.Value.SigningKey), 32,
        info: "lms one-time codes v1"u8.ToArray());

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
            UserId = userId, CodeHash = Hash(code), IssuedAt = now, ExpiresAt = now + lifetime, Signup = signup, Keyed = true,
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
            UserId = userId, CodeHash = Hash(token), IssuedAt = now, ExpiresAt = now + lifetime, Keyed = true,
        });
        return token;
    }

    /// <summary>Looks up a link token. Null when unknown; the caller checks expiry and use.</summary>
    public async Task<OneTimeCode?> FindTokenAsync(IQuerySession session, CodePurpose purpose, string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        return await session.LoadAsync<OneTimeCode>($"{purpose}:{Hash(token)}", ct)
               ?? (await session.LoadAsync<OneTimeCode>($"{purpose}:{LegacyHash(token)}", ct) is { Keyed: false } legacy ? legacy : null);
    }

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
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.CodeHash), Encoding.ASCII.GetBytes(HashFor(record, otp ?? ""))))
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

    private string Hash(string value) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));

    private string HashFor(OneTimeCode record, string value) => record.Keyed ? Hash(value) : LegacyHash(value);

    /// <summary>How codes were hashed before (an unkeyed SHA-256): checked only for records stored then.</summary>
    private static string LegacyHash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

public sealed class OneTimeCodesSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<OneTimeCode>().Index(x => x.ExpiresAt);
}
