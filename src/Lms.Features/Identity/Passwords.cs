using Microsoft.AspNetCore.Identity;

namespace Lms.Features.Identity;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher; verification is constant-time and equally slow for unknown users.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<User> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(new User(), "not-a-real-password-" + Guid.NewGuid());

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    /// <summary>True when the password matches. A null user still costs one full verification (no user probing by timing).</summary>
    public static bool Verify(User? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? DummyHash, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }
}
