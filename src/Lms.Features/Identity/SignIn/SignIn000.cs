namespace Lms.Features.Identity.SignIn;

/// <summary>
/// 000 <c>POST /api/auth/login/</c>: username (or the account's e-mail) and password in; a JWT pair and the account out.
/// The shared <see cref="PasswordSignIn"/> throttles and compares in constant time. An unverified e-mail does not block sign-in.
/// </summary>
public static class SignIn000
{
    public sealed record Command(string? Username, string? Password) : IRequest<Response>, ICommand
    {
        /// <summary>Never the password in logs or exception messages.</summary>
        public override string ToString() => $"{nameof(SignIn000)}.{nameof(Command)} {{ Username = {Username} }}";
    }

    public sealed record Response(string Access, string Refresh, UserView000 User);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Username).Required().SignInName();
            RuleFor(x => x.Password).Required().SignInPassword();
        }
    }

    public sealed class Handler(PasswordSignIn signIn) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var user = await signIn.CheckPasswordAsync(c.Username!, c.Password!, ct)
                       ?? throw new NotAuthenticated("No active account found with the given credentials", "INVALID_CREDENTIALS");
            var pair = signIn.Complete(user);
            return new Response(pair.Access, pair.Refresh, UserView000.From(user));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/login/", async (Command body, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(body, ct)))
                .WithName("000.Login").WithTags("000 Authentication")
                .ForDocuments(ApiDocument.Doc000, 400, 401)
                .AllowAnonymous();
    }
}
