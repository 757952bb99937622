namespace Lms.Features.Identity.Tokens;

/// <summary>
/// Server-side record of one refresh token (by its jti). Rotation replaces it; presenting a replaced or revoked
/// token again is reuse and revokes the whole family (every token descended from one sign-in).
/// </summary>
public sealed class RefreshToken
{
    /// <summary>The token's jti.</summary>
    public string Id { get; set; } = "";
    public long UserId { get; set; }
    public long ClientId { get; set; }
    public string Family { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? ReplacedBy { get; set; }

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ReplacedBy is null && ExpiresAt > now;
}

public sealed class RefreshTokensSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<RefreshToken>().Index(x => x.Family).Index(x => x.UserId);
}
