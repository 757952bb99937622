using Lms.Features.Common.Security;
using Lms.Features.Identity.Tokens;

namespace Lms.Features.Identity.SignIn;

/// <summary>
/// 004 1.3 <c>POST /api/teacher/login/</c>: the tokens in the body and as HttpOnly cookies. An unknown account and a
/// wrong password get the same 404; only with the right password does a non-teacher learn it is the wrong door.
/// </summary>
public static class SignInTeacher004
{
    /// <summary>
    /// The documented <c>username</c>, or <c>email</c> as 004's app sends it (<see cref="AccountRules004.SignInName"/>).
    /// </summary>
    public sealed record Body(string? Username, string? Password, string? Email = null);

    public sealed record Command(string? Username, string? Password) : IRequest<WithTokens<LoginResponse>>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Username).SignInName();
            RuleFor(x => x.Password).SignInPassword();
        }
    }

    public sealed class Handler(PasswordSignIn signIn) : IRequestHandler<Command, WithTokens<LoginResponse>>
    {
        public async Task<WithTokens<LoginResponse>> Handle(Command c, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(c.Username) || string.IsNullOrEmpty(c.Password)) throw Doc004.Errors.MissingCredentials();
            var user = await signIn.CheckPasswordAsync(c.Username.Trim(), c.Password, ct) ?? throw Doc004.Errors.UserNotFound();
            if (user.Role != Role.Teacher) throw Doc004.Errors.WrongUserType();

            var tokens = signIn.Complete(user);
            return new(new LoginResponse(tokens.Access, tokens.Refresh, SignInUserView004.From(user)), tokens);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("teacher/login/", "SignInTeacher",
                async (HttpRequest request, HttpResponse response, IMediator m, CancellationToken ct) =>
                {
                    var b = (await Bodies004.ReadBodyAsync<Body>(request, ct)).Body;
                    var result = await m.Send(new Command(AccountRules004.SignInName(b.Username, b.Email), b.Password), ct);
                    AuthCookies.Set(response, result.Tokens);
                    return TypedResults.Ok(result.Body);
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 403, 404, 415)
                    .AllowAnonymous());
    }
}
