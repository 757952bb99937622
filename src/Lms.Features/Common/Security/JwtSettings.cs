using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Features.Common.Security;

/// <summary>Token settings (configuration section <c>Auth</c>). The signing key never lives in the repository.</summary>
public sealed class JwtSettings
{
    public string Issuer { get; set; } = "lms";
    public string Audience { get; set; } = "lms";

    /// <summary>At least 32 bytes. When empty, the API generates one per installation into <see cref="SigningKeyFile"/>.</summary>
    public string SigningKey { get; set; } = "";

    public string SigningKeyFile { get; set; } = ".data/jwt-signing.key";
    public int AccessTokenMinutes { get; set; } = 15;
    public int RefreshTokenDays { get; set; } = 7;

    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }

    public TokenValidationParameters Validation(bool lifetime = true) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key(),
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = lifetime,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = LmsClaims.Subject,
        RoleClaimType = LmsClaims.Role,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };
}
