using Lms.Features.Identity.Clients;

namespace Lms.Features.Identity.SignIn;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/user/login/</c>: e-mail and password of an account of that client (a user of
/// another client is unknown here); the tokens are issued in that client.
/// </summary>
public static class SignIn001
{
    public sealed record Body(string? Email, string? Password);

    public sealed record Command(string? Email, string? Password) : IRequest<SignInResponse>, ICommand;

    public const string BadCredentials = "No active account found with the given credentials";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Email).Required().SignInName();
            RuleFor(x => x.Password).Required().SignInPassword();
        }
    }

    public sealed class Handler(PasswordSignIn signIn) : IRequestHandler<Command, SignInResponse>
    {
        public async Task<SignInResponse> Handle(Command c, CancellationToken ct)
        {
            var user = await signIn.CheckEmailPasswordAsync(c.Email!.Trim(), c.Password!, ct)
                       ?? throw new NotAuthenticated(BadCredentials, "INVALID_CREDENTIALS");
            return SignInResponse.From(signIn.Complete(user), user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{client_id:long}/user/login/", async (Body b, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(b.Email, b.Password), ct)))
                .WithName("001.Login").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 404)
                .RequireActiveClient()
                .AllowAnonymous();
    }
}
