using System.Globalization;
using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.PasswordReset;

/// <summary>
/// 004 1.8 <c>POST /api/change-password/</c>. The caller's current sign-in stays; every other sign-in of the account
/// (its refresh tokens) is revoked, as after a password reset.
/// </summary>
public static class ChangePassword004
{
    public sealed record Body(string? OldPassword, string? NewPassword1, string? NewPassword2);

    public sealed record Command(long UserId, string? Family, string? OldPassword, string? NewPassword1, string? NewPassword2)
        : IRequest<MessageResponse>, ICommand;

    public const string OldPasswordWrong = "Your old password was entered incorrectly. Please enter it again.";
    public const string PasswordsDiffer = "The two password fields didn't match.";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.OldPassword).Required().MaxChars(PasswordRules.MaxLength);
            RuleFor(x => x.NewPassword1).Required().MaxChars(PasswordRules.MaxLength);
            RuleFor(x => x.NewPassword2).Required().MaxChars(PasswordRules.MaxLength)
                .Must((c, p2) => string.Equals(p2, c.NewPassword1, StringComparison.Ordinal)).WithMessage(PasswordsDiffer);
        }
    }

    public sealed class Handler(IDocumentSession session, AttemptThrottle throttle, TimeProvider clock) : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            // A stolen access token must not be a free password-guessing oracle.
            throttle.Hit("change-password", c.UserId.ToString(CultureInfo.InvariantCulture));
            var user = await session.LoadAsync<User>(c.UserId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");

            var errors = new List<(string, string)>();
            if (!Passwords.Verify(user, c.OldPassword!)) errors.Add(("old_password", OldPasswordWrong));
            foreach (var problem in PasswordRules.Check(c.NewPassword1!, user.Username, user.Email)) errors.Add(("new_password1", problem));
            if (errors.Count > 0) throw ValidationFailed.For([.. errors]);

            user.PasswordHash = Passwords.Hash(user, c.NewPassword1!);
            session.Store(user);
            await Sessions004.RevokeAllAsync(session, user.Id, exceptFamily: c.Family, clock.GetUtcNow(), ct);
            return new MessageResponse("Password changed successfully");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("change-password/", "ChangePassword",
                async (ClaimsPrincipal user, HttpRequest request, IMediator m, CancellationToken ct) =>
                {
                    var b = (await Bodies004.ReadBodyAsync<Body>(request, ct)).Body;
                    return TypedResults.Ok(await m.Send(new Command(user.UserId(), user.FindFirstValue(LmsClaims.Family),
                        b.OldPassword, b.NewPassword1, b.NewPassword2), ct));
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 401, 403, 415)
                    .RequireAuthorization(Policies.Authenticated));
    }
}
