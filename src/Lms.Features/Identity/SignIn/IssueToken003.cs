namespace Lms.Features.Identity.SignIn;

/// <summary>003 <c>POST /api/token/</c>: username (or e-mail) and password in, access and refresh tokens out.</summary>
public static class IssueToken003
{
    public sealed record Command(string? Username, string? Password) : IRequest<Response>, ICommand;

    public sealed record Response(string Access, string Refresh);

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
            return new Response(pair.Access, pair.Refresh);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/token/", async (Command body, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(body, ct)))
                .WithName("003.IssueToken").WithTags("003 Authentication")
                .ForDocuments(ApiDocument.Doc003, 400, 401)
                .AllowAnonymous();
    }
}
