using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Codes;

namespace Lms.Features.Identity.PasswordReset;

/// <summary>
/// 004 1.11 <c>POST /api/password-reset/confirm/</c>: uses up the OTP (single use), sets the new password and signs the
/// account out everywhere (every refresh token is revoked). The OTP proves the e-mail address, so it counts as verified.
/// </summary>
public static class ConfirmPasswordReset004
{
    public sealed record Body(string? Email, string? Otp, string? NewPassword1, string? NewPassword2);

    public sealed record Command(string? Email, string? Otp, string? NewPassword1, string? NewPassword2) : IRequest<MessageResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Email).Required().MaxChars(254);
            RuleFor(x => x.Otp).Required().MaxChars(32);
            RuleFor(x => x.NewPassword1).Required().Custom((password, ctx) =>
            {
                foreach (var problem in PasswordRules.Check(password!, null, ctx.InstanceToValidate.Email?.Trim())) ctx.AddFailure(problem);
            });
            RuleFor(x => x.NewPassword2).Required()
                .Must((c, p2) => string.Equals(p2, c.NewPassword1, StringComparison.Ordinal)).WithMessage(ChangePassword004.PasswordsDiffer);
        }
    }

    public sealed class Handler(IDocumentSession session, OneTimeCodes codes, TenantContext tenant, AttemptThrottle throttle, TimeProvider clock)
        : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var email = c.Email!.Trim();
            throttle.Hit("otp", email);
            // The username rule needs the account; checked before the code so a weak password does not spend a try.
            var user = await Usernames.ByEmailAsync(session, email, ct);
            if (user is not null && PasswordRules.Check(c.NewPassword1!, user.Username, user.Email) is { Count: > 0 } problems)
                throw new ValidationFailed(new Dictionary<string, string[]> { ["new_password1"] = [.. problems] });

            var code = await VerifyPasswordReset004.Check(session, codes, tenant, email, c.Otp!.Trim(), consume: true, ct);
            if (user is null || code.UserId is { } id && id != user.Id || !user.IsActive) throw Doc004.Errors.OtpInvalid();

            user.PasswordHash = Passwords.Hash(user, c.NewPassword1!);
            user.EmailVerified = true;
            session.Store(user);
            await Sessions004.RevokeAllAsync(session, user.Id, exceptFamily: null, clock.GetUtcNow(), ct);
            return new MessageResponse("Password reset successfully");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("password-reset/confirm/", "ConfirmPasswordReset",
                async (HttpRequest request, IMediator m, CancellationToken ct) =>
                {
                    var b = (await Bodies004.ReadBodyAsync<Body>(request, ct)).Body;
                    return TypedResults.Ok(await m.Send(new Command(b.Email, b.Otp, b.NewPassword1, b.NewPassword2), ct));
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 415)
                    .AllowAnonymous());
    }
}
