using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Features.Identity.SignIn.Google;

/// <summary>Who a valid Google ID token says signed in.</summary>
public sealed record GoogleIdentity(string Subject, string Email, string GivenName, string FamilyName);

/// <summary>
/// Validates a Google ID token: RS256 signature by one of Google's current keys (<see cref="GoogleKeySet"/>), issuer
/// Google, audience one of the configured OAuth client ids, not expired (by the app's clock, two minutes' skew), and a
/// verified e-mail address. Any failure is a 401 that does not say which check failed; an unverified e-mail says so.
/// </summary>
public sealed class GoogleIdTokens(GoogleKeySet keys, IOptionsMonitor<GoogleSettings> options, TimeProvider clock)
{
    public const string NotConfigured = "Google sign-in is not configured on this server.";
    public const string InvalidToken = "Invalid Google token.";
    public const string EmailNotVerified = "The Google account's email address is not verified.";

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(2);
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<GoogleIdentity> ValidateAsync(string token, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured) throw new ServiceUnavailable(NotConfigured);
        if (token.Length > 8192 || !Handler.CanReadToken(token)) throw Invalid();

        string? keyId;
        try
        {
            keyId = Handler.ReadJsonWebToken(token).Kid;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            throw Invalid();
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = settings.EffectiveIssuers,
            ValidAudiences = settings.Audiences,
            IssuerSigningKeys = await keys.KeysForAsync(keyId, ct),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            LifetimeValidator = Lifetime,
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt) throw Invalid();

        var email = Claim(jwt, "email");
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254) throw Invalid();
        if (!string.Equals(Claim(jwt, "email_verified"), "true", StringComparison.OrdinalIgnoreCase))
            throw new NotAuthenticated(EmailNotVerified, "EMAIL_NOT_VERIFIED");
        return new GoogleIdentity(jwt.Subject ?? "", email.Trim(), Cap(Claim(jwt, "given_name")), Cap(Claim(jwt, "family_name")));
    }

    private bool Lifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null || expires.Value.ToUniversalTime() + Skew <= now) return false;
        return notBefore is null || notBefore.Value.ToUniversalTime() - Skew <= now;
    }

    private static string? Claim(JsonWebToken jwt, string type) => jwt.TryGetClaim(type, out var claim) ? claim.Value : null;

    private static string Cap(string? name) => name is null ? "" : name.Trim().Length <= 150 ? name.Trim() : name.Trim()[..150];

    private static NotAuthenticated Invalid() => new(InvalidToken, "TOKEN_NOT_VALID");
}
