using Lms.Features.Identity.Clients;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 001 <c>POST /accounts/token/refresh/</c> (the document's "Authentication" notes): a refresh token in, a new access
/// token and a new refresh token out (rotation; the old refresh token stops working). Presenting an already rotated or
/// logged-out refresh token again is reuse: 401, and every token of that sign-in is revoked. The tokens stay in the
/// client they were issued in; a client that was deactivated (or removed) gets no new tokens.
/// </summary>
public static class RefreshToken001
{
    public sealed record Command(string? Refresh) : IRequest<Response>, ICommand;

    public sealed record Response(string Access, string Refresh);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Refresh).Required().MaxChars(4096);
    }

    public sealed class Handler(IDocumentSession session, TokenService tokens) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var refresh = c.Refresh!.Trim();
            var pair = await tokens.RotateAsync(session, refresh, ct);
            // The pair was issued in the refresh token's own client (RotateAsync checked the token's signature).
            if (!await ActiveClients.IsActiveAsync(session, pair.ClientId, ct))
                throw new NotAuthenticated("Token is invalid or expired", "TOKEN_NOT_VALID");
            return new Response(pair.Access, pair.Refresh);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/token/refresh/", async (Command body, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(body, ct)))
                .WithName("001.RefreshToken").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401)
                .AllowAnonymous();
    }
}
