using Microsoft.AspNetCore.Identity;

namespace Lms.Features.Identity;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher; verification is constant-time and equally slow for unknown users.</summary>
public static class Passwords
{
    /// <summary>ASP.NET Core Identity's own default (PBKDF2-HMAC-SHA512), and the least a deployment may use.</summary>
    public const int DefaultIterations = 100_000;

    private static Hasher _current = new(DefaultIterations);

    /// <summary>The work factor of new hashes. A stored hash keeps its own count, so it still verifies after a change.</summary>
    public static int Iterations => _current.Iterations;

    /// <summary>
    /// Sets the work factor of new hashes (<c>Lms:Passwords:Iterations</c>, applied at start-up). Process-wide, as the
    /// hasher is: the test suite's hosts all set the same lower count, as Django's test settings switch to a fast hasher.
    /// </summary>
    public static void UseIterations(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (iterations != _current.Iterations) _current = new Hasher(iterations);
    }

    public static string Hash(User user, string password) => _current.Identity.HashPassword(user, password);

    /// <summary>True when the password matches. A null user still costs one full verification (no user probing by timing).</summary>
    public static bool Verify(User? user, string password)
    {
        var hasher = _current;
        var result = hasher.Identity.VerifyHashedPassword(user ?? new User(), user?.PasswordHash ?? hasher.DummyHash, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }

    private sealed class Hasher
    {
        public Hasher(int iterations)
        {
            Iterations = iterations;
            Identity = new PasswordHasher<User>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
            DummyHash = Identity.HashPassword(new User(), "not-a-real-password-" + Guid.NewGuid());
        }

        public int Iterations { get; }
        public PasswordHasher<User> Identity { get; }
        public string DummyHash { get; }
    }
}
