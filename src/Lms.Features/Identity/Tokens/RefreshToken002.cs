using Lms.Features.Common.Tenancy;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 002 <c>POST /api/users/auth/refresh/</c>: a refresh token in, a new access token out. Refresh tokens rotate, so the
/// answer also carries the new refresh token (DRF simplejwt's ROTATE_REFRESH_TOKENS); presenting an already used or
/// blacklisted one fails and revokes every token of that sign-in. A token of another client is refused (403).
/// </summary>
public static class RefreshToken002
{
    public sealed record Command(string? Refresh) : IRequest<Response>, ICommand;

    public sealed record Response(string Access, string Refresh);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Refresh).Required();
    }

    public sealed class Handler(IDocumentSession session, TokenService tokens, TenantContext tenant) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var pair = await tokens.RotateAsync(session, c.Refresh!, ct);
            // Checked on the verified result: a forged token is a 401, a real one of another client a 403, and throwing
            // here leaves the rotation unsaved.
            if (pair.ClientId != tenant.ClientId)
                throw new PermissionDenied("This token belongs to another client.");
            return new Response(pair.Access, pair.Refresh);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/auth/refresh/", async (Command body, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(body, ct)))
                .WithName("002.RefreshToken").WithTags("002 Authentication")
                .ForDocuments(ApiDocument.Doc002, 400, 401, 403)
                .AllowAnonymous();
    }
}
