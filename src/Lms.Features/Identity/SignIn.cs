using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Tokens;

namespace Lms.Features.Identity;

/// <summary>
/// The password sign-in every document's login shares (one user store, one token issuer): throttled per account and
/// per IP, constant-time whether or not the account exists, in the current client only (a client-2 account cannot sign
/// in at client 3). Handlers turn a null result into their document's error body.
/// </summary>
public sealed class SignIn(IDocumentSession session, TokenService tokens, TenantContext tenant, AttemptThrottle throttle, TimeProvider clock)
{
    /// <summary>Looks the account up by username or e-mail (the login is tried as both).</summary>
    public async Task<User?> CheckPasswordAsync(string login, string password, CancellationToken ct)
    {
        throttle.Hit("login", login);
        var key = User.Normalize(login);
        var user = await session.Query<User>().FirstOrDefaultAsync(u => u.UsernameNormalized == key || u.EmailNormalized == key, ct);
        return Passwords.Verify(user, password) && user!.IsActive ? user : null;
    }

    /// <summary>Records the sign-in and issues a new token family for the current client.</summary>
    public TokenPair Complete(User user)
    {
        user.LastLogin = clock.GetUtcNow();
        session.Store(user);
        return tokens.Issue(session, user, tenant.ClientId);
    }
}
