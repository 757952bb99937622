using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 004 1.7 <c>POST /api/logout/</c>: ends the caller's sign-in. Every refresh token of the access token's family (the
/// sign-in) is revoked, and so is the refresh cookie's family when it is another sign-in of the same user; both cookies
/// are cleared.
/// </summary>
public static class SignOut004
{
    public sealed record Command(long UserId, string? Family, string? CookieRefresh) : IRequest<MessageResponse>, ICommand;

    public sealed class Handler(IDocumentSession session, TokenService tokens) : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            if (!string.IsNullOrEmpty(c.Family)) await tokens.RevokeFamilyAsync(session, c.Family, ct);
            if (!string.IsNullOrEmpty(c.CookieRefresh))
            {
                try
                {
                    await tokens.RevokeAsync(session, c.CookieRefresh, c.UserId, ct);
                }
                catch (NotAuthenticated)
                {
                    // A stale, foreign or garbage cookie: nothing of the caller's to revoke; the cookie is cleared anyway.
                }
            }
            return new MessageResponse("Successfully logged out");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("logout/", "Logout",
                async (ClaimsPrincipal user, HttpRequest request, HttpResponse response, IMediator m, CancellationToken ct) =>
                {
                    var result = await m.Send(new Command(user.UserId(), user.FindFirstValue(LmsClaims.Family),
                        AuthCookies.RefreshFrom(request, null)), ct);
                    AuthCookies.Clear(response);
                    return TypedResults.Ok(result);
                },
                e => e.ForDocuments(ApiDocument.Doc004, 401, 403)
                    .RequireAuthorization(Policies.Authenticated));
    }
}
