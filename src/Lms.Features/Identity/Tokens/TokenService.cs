using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Lms.Features.Common.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Features.Identity.Tokens;

/// <summary>A freshly issued pair, with whom and where it was issued for, so callers never re-read their own JWTs.</summary>
public sealed record TokenPair(string Access, string Refresh, DateTimeOffset AccessExpiresAt, DateTimeOffset RefreshExpiresAt,
    long UserId, Role Role, long ClientId, string RefreshId);

/// <summary>Issues, rotates and revokes JWT access and refresh tokens. Writes go to the caller's session (its unit of work).</summary>
public sealed class TokenService(IOptions<JwtSettings> options, TimeProvider clock)
{
    private readonly JwtSettings _settings = options.Value;
    private static readonly JwtSecurityTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>A new sign-in: a new token family.</summary>
    public TokenPair Issue(IDocumentSession session, User user, long clientId) =>
        IssueInFamily(session, user.Id, user.Role, clientId, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Exchanges a refresh token for a new pair. A token that was already rotated or revoked is reuse: its whole
    /// family is revoked and saved at once (so the revocation survives the 401), then the call fails.
    /// </summary>
    public async Task<TokenPair> RotateAsync(IDocumentSession session, string refreshToken, CancellationToken ct)
    {
        var principal = ReadRefresh(refreshToken) ?? throw InvalidRefresh();
        var jti = principal.FindFirst(LmsClaims.TokenId)?.Value ?? throw InvalidRefresh();
        var record = await session.LoadAsync<RefreshToken>(jti, ct) ?? throw InvalidRefresh();
        var now = clock.GetUtcNow();
        if (record.RevokedAt is not null || record.ReplacedBy is not null)
        {
            await RevokeFamilyAsync(session, record.Family, ct);
            await session.SaveChangesAsync(ct);
            throw InvalidRefresh();
        }
        if (record.ExpiresAt <= now) throw InvalidRefresh();

        var user = await session.ForTenant(Common.Tenancy.TenantContext.TenantIdOf(record.ClientId)).LoadAsync<User>(record.UserId, ct);
        if (user is null || !user.IsActive) throw InvalidRefresh();

        var pair = IssueInFamily(session, user.Id, user.Role, record.ClientId, record.Family);
        record.ReplacedBy = pair.RefreshId;
        session.Store(record);
        return pair;
    }

    /// <summary>Logout: the refresh token and its family stop working. Unknown or foreign tokens are refused.</summary>
    public async Task RevokeAsync(IDocumentSession session, string refreshToken, long userId, CancellationToken ct)
    {
        var principal = ReadRefresh(refreshToken, validateLifetime: false) ?? throw InvalidRefresh();
        var jti = principal.FindFirst(LmsClaims.TokenId)?.Value ?? throw InvalidRefresh();
        var record = await session.LoadAsync<RefreshToken>(jti, ct);
        if (record is null || record.UserId != userId) throw InvalidRefresh();
        await RevokeFamilyAsync(session, record.Family, ct);
    }

    /// <summary>Revokes every refresh token of a sign-in (004's logout: the family of the caller's access token).</summary>
    public async Task RevokeFamilyAsync(IDocumentSession session, string family, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tokens = await session.Query<RefreshToken>().Where(t => t.Family == family && t.RevokedAt == null).ToListAsync(ct);
        foreach (var t in tokens)
        {
            t.RevokedAt = now;
            session.Store(t);
        }
    }

    private TokenPair IssueInFamily(IDocumentSession session, long userId, Role role, long clientId, string family)
    {
        var now = clock.GetUtcNow();
        var accessExpires = now.AddMinutes(_settings.AccessTokenMinutes);
        var refreshExpires = now.AddDays(_settings.RefreshTokenDays);
        var refreshId = Guid.NewGuid().ToString("N");
        var access = Write(userId, role, clientId, "access", Guid.NewGuid().ToString("N"), family, now, accessExpires);
        var refresh = Write(userId, role, clientId, "refresh", refreshId, family, now, refreshExpires);
        session.Store(new RefreshToken
        {
            Id = refreshId, UserId = userId, ClientId = clientId, Family = family, IssuedAt = now, ExpiresAt = refreshExpires,
        });
        return new TokenPair(access, refresh, accessExpires, refreshExpires, userId, role, clientId, refreshId);
    }

    private string Write(long userId, Role role, long clientId, string type, string jti, string family,
        DateTimeOffset now, DateTimeOffset expires)
    {
        var claims = new[]
        {
            new Claim(LmsClaims.Subject, userId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(LmsClaims.Role, role.Word()),
            new Claim(LmsClaims.Client, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(LmsClaims.TokenType, type),
            new Claim(LmsClaims.TokenId, jti),
            new Claim(LmsClaims.Family, family),
        };
        var token = new JwtSecurityToken(_settings.Issuer, _settings.Audience, claims, now.UtcDateTime, expires.UtcDateTime,
            new SigningCredentials(_settings.Key(), SecurityAlgorithms.HmacSha256));
        return Handler.WriteToken(token);
    }

    private ClaimsPrincipal? ReadRefresh(string token, bool validateLifetime = true)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096) return null;
        try
        {
            var principal = Handler.ValidateToken(token, _settings.Validation(validateLifetime), out _);
            return principal.FindFirst(LmsClaims.TokenType)?.Value == "refresh" ? principal : null;
        }
        catch (Exception e) when (e is SecurityTokenException or ArgumentException)
        {
            return null;
        }
    }

    private static NotAuthenticated InvalidRefresh() => new("Token is invalid or expired", "TOKEN_NOT_VALID");
}
