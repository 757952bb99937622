using Lms.Features.Common.Security;

namespace Lms.Features.Identity.SignIn;

/// <summary>
/// 002 <c>POST /api/users/auth/login/</c>: e-mail and password in, a token pair and the user out. Any account of the
/// default client may sign in here, whichever document registered it (spec decision 1). The field is an e-mail: a
/// username in it is refused with the same 401 as a wrong password.
/// </summary>
public static class SignIn002
{
    public sealed record Command(string? Email, string? Password) : IRequest<Response>, ICommand;

    public sealed record Response(string Access, string Refresh, SignedInUser User);

    public sealed record SignedInUser(long Id, string Email, string Role, string FullName);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Email).Required().MaxChars(254);
            RuleFor(x => x.Password).Required().MaxChars(PasswordRules.MaxLength);
        }
    }

    public sealed class Handler(PasswordSignIn signIn) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var email = c.Email!.Trim();
            var user = await signIn.CheckEmailPasswordAsync(email, c.Password!, ct)
                ?? throw new NotAuthenticated("Invalid email or password.", "INVALID_CREDENTIALS");

            var pair = signIn.Complete(user);
            return new Response(pair.Access, pair.Refresh, new SignedInUser(user.Id, user.Email, user.Role.Word(), user.FullName));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/auth/login/", async (Command body, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(body, ct)))
                .WithName("002.Login").WithTags("002 Authentication")
                .ForDocuments(ApiDocument.Doc002, 400, 401)
                .AllowAnonymous();
    }
}
