using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Codes;

namespace Lms.Features.Identity.EmailVerification;

/// <summary>
/// 000 <c>POST /api/auth/verify-email/</c>: the token from the registration e-mail marks the account's e-mail verified.
/// A token works once, until it expires (<c>Lms:Email:VerificationTokenHours</c>), and only for the e-mail it was sent to.
/// </summary>
public static class VerifyEmail000
{
    public const string Invalid = "Invalid verification token.";
    public const string Used = "This verification token has already been used.";
    public const string Expired = "This verification token has expired.";

    public sealed record Command(string? Token) : IRequest<Response>, ICommand;

    public sealed record Response(string Detail);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Token).Required();
    }

    public sealed class Handler(IDocumentSession session, AttemptThrottle throttle, TenantContext tenant, TimeProvider clock,
        OneTimeCodes codes)
        : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            throttle.Hit("verify-email", null);
            var token = c.Token!.Trim();
            var record = await codes.FindTokenAsync(session, CodePurpose.EmailVerification, token, ct);
            if (record is null || record.ClientId != tenant.ClientId || record.UserId is not { } userId)
                throw ValidationFailed.For("token", Invalid);
            if (record.UsedAt is not null) throw ValidationFailed.For("token", Used);
            var now = clock.GetUtcNow();
            if (record.ExpiresAt <= now) throw ValidationFailed.For("token", Expired);

            // The account must still exist and still have the address the link was sent to.
            var user = await session.LoadAsync<User>(userId, ct);
            if (user is null || user.EmailNormalized != record.EmailNormalized) throw ValidationFailed.For("token", Invalid);

            record.UsedAt = now;
            session.Store(record);
            user.EmailVerified = true;
            session.Store(user);
            return new Response("Email verified successfully.");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/verify-email/", async (Command body, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(body, ct)))
                .WithName("000.VerifyEmail").WithTags("000 Authentication")
                .ForDocuments(ApiDocument.Doc000, 400)
                .AllowAnonymous();
    }
}
