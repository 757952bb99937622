using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 002 <c>POST /api/users/auth/logout/</c>: blacklists the caller's refresh token, and with it every token rotated
/// from the same sign-in. A refresh token that is not the caller's, not a refresh token, or unknown answers 400 (the
/// caller is signed in; the body is what is wrong). Logging out twice with one token succeeds. Access tokens already
/// issued stay valid until they expire (minutes), as with DRF's token blacklist.
/// </summary>
public static class SignOut002
{
    public sealed record Body(string? Refresh);

    public sealed record Command(long UserId, string? Refresh) : IRequest<Response>, ICommand;

    public sealed record Response(string Detail);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Refresh).Required();
    }

    public sealed class Handler(IDocumentSession session, TokenService tokens) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            try
            {
                await tokens.RevokeAsync(session, c.Refresh!, c.UserId, ct);
            }
            catch (NotAuthenticated)
            {
                throw new BadRequest("Token is invalid or expired", "TOKEN_NOT_VALID");
            }
            return new Response("Successfully logged out.");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/auth/logout/", async (Body body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(user.UserId(), body.Refresh), ct)))
                .WithName("002.Logout").WithTags("002 Authentication")
                .ForDocuments(ApiDocument.Doc002, 400, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
