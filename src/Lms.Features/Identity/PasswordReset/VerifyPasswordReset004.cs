using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Codes;

namespace Lms.Features.Identity.PasswordReset;

/// <summary>
/// 004 1.10 <c>POST /api/password-reset/verify/</c>: checks the OTP without using it up (confirm uses it). Each wrong
/// code counts; the fifth locks the code until a new one is requested.
/// </summary>
public static class VerifyPasswordReset004
{
    public sealed record Body(string? Email, string? Otp);

    public sealed record Command(string? Email, string? Otp) : IRequest<MessageResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Email).Required().MaxChars(254);
            RuleFor(x => x.Otp).Required().MaxChars(32);
        }
    }

    public sealed class Handler(IDocumentSession session, OneTimeCodes codes, TenantContext tenant, AttemptThrottle throttle)
        : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var email = c.Email!.Trim();
            throttle.Hit("otp", email);
            await Check(session, codes, tenant, email, c.Otp!.Trim(), consume: false, ct);
            return new MessageResponse("OTP verified successfully");
        }
    }

    /// <summary>Checks a password-reset OTP; anything but a valid code is 004's 400 (invalid, expired or locked).</summary>
    public static async Task<OneTimeCode> Check(IDocumentSession session, OneTimeCodes codes, TenantContext tenant, string email,
        string otp, bool consume, CancellationToken ct)
    {
        var (result, code) = await codes.CheckOtpAsync(session, CodePurpose.PasswordReset, tenant.ClientId, email, otp, consume, ct);
        return result switch
        {
            CodeCheck.Valid => code!,
            CodeCheck.Expired => throw Doc004.Errors.OtpExpired(),
            CodeCheck.Locked => throw Doc004.Errors.OtpLocked(),
            _ => throw Doc004.Errors.OtpInvalid(),
        };
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("password-reset/verify/", "VerifyPasswordReset",
                async (HttpRequest request, IMediator m, CancellationToken ct) =>
                {
                    var b = (await Bodies004.ReadBodyAsync<Body>(request, ct)).Body;
                    return TypedResults.Ok(await m.Send(new Command(b.Email, b.Otp), ct));
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 415)
                    .AllowAnonymous());
    }
}
