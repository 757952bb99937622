using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Tokens;

namespace Lms.Features.Identity.SignIn;

/// <summary>
/// The password sign-in every document's login shares (one user store, one token issuer): throttled per account and
/// per IP, constant-time whether or not the account exists, in the current client only (a client-2 account cannot sign
/// in at client 3). Handlers turn a null result into their document's error body.
/// </summary>
public sealed class PasswordSignIn(IDocumentSession session, TokenService tokens, TenantContext tenant, AttemptThrottle throttle, TimeProvider clock)
{
    /// <summary>
    /// Resolves one account deterministically (<see cref="AccountRules.IsEmailLogin"/>): by e-mail when the input has an
    /// <c>@</c>, otherwise by username. So an account whose username looks like an e-mail never answers for that e-mail.
    /// </summary>
    public Task<User?> CheckPasswordAsync(string login, string password, CancellationToken ct) =>
        CheckAsync(login, AccountRules.IsEmailLogin(login), password, ct);

    /// <summary>For the documents whose login field takes only an e-mail (001, 002): a username never signs in there.</summary>
    public Task<User?> CheckEmailPasswordAsync(string email, string password, CancellationToken ct) =>
        CheckAsync(email, byEmail: true, password, ct);

    private async Task<User?> CheckAsync(string login, bool byEmail, string password, CancellationToken ct)
    {
        var key = AccountRules.Key(login);
        var user = byEmail
            ? await session.Query<User>().FirstOrDefaultAsync(u => u.EmailNormalized == key, ct)
            : await session.Query<User>().FirstOrDefaultAsync(u => u.UsernameNormalized == key, ct);
        // One bucket per account, whichever of its names was typed and through whichever document; an unknown name
        // counts under its key, so guessing at accounts that do not exist is throttled too.
        throttle.Hit("login", user is null ? $"{tenant.ClientId}:{(byEmail ? "e" : "u")}:{key}" : $"user:{user.Id}");
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

/// <summary>The input limits every password sign-in shares (the name typed: a username or an e-mail).</summary>
public static class SignInRules
{
    public static IRuleBuilderOptions<T, string?> SignInName<T>(this IRuleBuilder<T, string?> rule) => rule.MaxChars(254);

    public static IRuleBuilderOptions<T, string?> SignInPassword<T>(this IRuleBuilder<T, string?> rule) => rule.MaxChars(PasswordRules.MaxLength);
}
