using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;
using Lms.Features.Identity.SignIn.Google;

namespace Lms.Features.Identity.SignIn;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/user/login/google/</c>: a Google ID token (from Google Identity Services)
/// in, the same answer as the password login out. The account of that client with the token's (verified) e-mail signs
/// in; without one, a verified student account is created from the token's names. 503 while no OAuth client id is
/// configured.
/// </summary>
public static class SignInWithGoogle001
{
    public sealed record Body(string? Token);

    public sealed record Command(string? Token) : IRequest<SignInResponse>, IReportsUniqueViolations
    {
        /// <summary>Two first sign-ins of one Google account at the same moment: the loser is asked to try again.</summary>
        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint is UsersSchema.EmailIndex or UsersSchema.UsernameIndex
                ? new ValidationFailed(new Dictionary<string, string[]>(), "The account was being created by another request. Please try again.")
                : null;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Token).Required().MaxChars(8192);
    }

    public sealed class Handler(IDocumentSession session, GoogleIdTokens google, PasswordSignIn signIn, AttemptThrottle throttle, TimeProvider clock)
        : IRequestHandler<Command, SignInResponse>
    {
        public async Task<SignInResponse> Handle(Command c, CancellationToken ct)
        {
            throttle.Hit("login-google", null);
            var identity = await google.ValidateAsync(c.Token!.Trim(), ct);
            var user = await Usernames.ByEmailAsync(session, identity.Email, ct);
            if (user is null)
            {
                var username = await Usernames.FreeFromEmailAsync(session, identity.Email.ToLowerInvariant(), ct);
                user = User.Create(username, identity.Email, identity.GivenName, identity.FamilyName, Role.Student, clock.GetUtcNow());
                // No password: the account signs in with Google until its owner sets one.
                user.PasswordHash = Passwords.Hash(user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                user.EmailVerified = true;
                user.RegisteredVia = "001";
                session.Insert(user);
            }
            else if (!user.IsActive)
            {
                throw new NotAuthenticated(SignIn001.BadCredentials, "INVALID_CREDENTIALS");
            }
            else
            {
                user.EmailVerified = true; // Google vouches for the address.
            }
            return SignInResponse.From(signIn.Complete(user), user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{client_id:long}/user/login/google/", async (Body b, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(b.Token), ct)))
                .WithName("001.GoogleLogin").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 404, 503)
                .RequireActiveClient()
                .AllowAnonymous();
    }
}
