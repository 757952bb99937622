using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/user/logout/</c>: the refresh token (and every token rotated from the same
/// sign-in) is blacklisted, so <c>/accounts/token/refresh/</c> refuses it afterwards. A refresh token that is not the
/// caller's, or not one at all, is a 400.
/// </summary>
public static class SignOut001
{
    public sealed record Body(string? Refresh);

    public sealed record Command(long UserId, string? Refresh) : IRequest<DetailResponse>, ICommand;

    public const string LoggedOut = "Successfully logged out";
    public const string InvalidToken = "Token is invalid or expired";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Refresh).Required().MaxChars(4096);
    }

    public sealed class Handler(IDocumentSession session, TokenService tokens) : IRequestHandler<Command, DetailResponse>
    {
        public async Task<DetailResponse> Handle(Command c, CancellationToken ct)
        {
            try
            {
                await tokens.RevokeAsync(session, c.Refresh!.Trim(), c.UserId, ct);
            }
            catch (NotAuthenticated)
            {
                throw new BadRequest(InvalidToken, "TOKEN_NOT_VALID");
            }
            return new DetailResponse(LoggedOut);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{client_id:long}/user/logout/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(user.UserId(), b.Refresh), ct)))
                .WithName("001.Logout").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 403, 404)
                .RequireActiveClient()
                .RequireAuthorization(Policies.Authenticated);
    }
}
