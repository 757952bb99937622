using Lms.Features.Common.Tenancy;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 004 1.5 <c>POST /api/token/refresh/</c>: the refresh token from the body, else from the HttpOnly cookie. Refresh
/// tokens rotate (the new pair is returned and set as cookies); presenting an already-rotated token revokes its whole
/// sign-in.
/// </summary>
public static class RefreshToken004
{
    public sealed record Body(string? Refresh);

    public sealed record Command(string Refresh) : IRequest<WithTokens<RefreshResponse>>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Refresh).MaxChars(4096);
    }

    public sealed class Handler(IDocumentSession session, TokenService tokens, TenantContext tenant)
        : IRequestHandler<Command, WithTokens<RefreshResponse>>
    {
        public async Task<WithTokens<RefreshResponse>> Handle(Command c, CancellationToken ct)
        {
            var pair = await Rotate(session, tokens, tenant, c.Refresh, ct);
            return new(new RefreshResponse(pair.Access, pair.Refresh), pair);
        }
    }

    /// <summary>
    /// Rotates a refresh token of the current client, as 004's 400. A token of another client is refused before it is
    /// used (the rotation is not committed when this throws).
    /// </summary>
    public static async Task<TokenPair> Rotate(IDocumentSession session, TokenService tokens, TenantContext tenant, string refresh,
        CancellationToken ct)
    {
        TokenPair pair;
        try
        {
            pair = await tokens.RotateAsync(session, refresh, ct);
        }
        catch (NotAuthenticated)
        {
            throw Doc004.Errors.InvalidRefresh();
        }
        if (pair.ClientId != tenant.ClientId) throw Doc004.Errors.InvalidRefresh();
        return pair;
    }

    /// <summary>The refresh token of a request: the body's, else the cookie's; a 400 naming the field when neither.</summary>
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = (await Bodies004.ReadBodyAsync<Body>(request, ct)).Body;
        return AuthCookies.RefreshFrom(request, body.Refresh) ?? throw ValidationFailed.For("refresh", DrfMessages.Required);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("token/refresh/", "RefreshTokens",
                async (HttpRequest request, HttpResponse response, IMediator m, CancellationToken ct) =>
                {
                    var result = await m.Send(new Command(await ReadAsync(request, ct)), ct);
                    AuthCookies.Set(response, result.Tokens);
                    return TypedResults.Ok(result.Body);
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 415)
                    .AllowAnonymous());
    }
}
