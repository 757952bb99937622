using Lms.Features.Common.Email;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;
using Lms.Features.Identity.Codes;
using Lms.Features.Identity.Registration;
using Microsoft.Extensions.Options;

namespace Lms.Features.Identity.EmailVerification;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/user/resend-verification-email/</c>: always the same 200, so the answer does
/// not reveal whether a sign-up is pending for the address. Only when one is, a fresh OTP replaces the old one (its
/// wrong-try count starts again, which is how a locked code is unlocked) and is e-mailed.
/// </summary>
public static class ResendVerificationEmail001
{
    public sealed record Body(string? Email);

    public sealed record Command(long ClientId, string? Email) : IRequest<DetailResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Email).Email();
    }

    public sealed class Handler(IDocumentSession session, OneTimeCodes codes, Mailer mailer, AttemptThrottle throttle,
        IOptions<EmailSettings> email) : IRequestHandler<Command, DetailResponse>
    {
        public async Task<DetailResponse> Handle(Command c, CancellationToken ct)
        {
            throttle.Hit("otp-resend", c.Email);
            var address = c.Email!.Trim();
            var pending = await session.LoadAsync<OneTimeCode>(OneTimeCodes.OtpId(CodePurpose.Signup, c.ClientId, address), ct);
            if (pending is { UsedAt: null, Signup: { } signup })
            {
                var minutes = email.Value.OtpMinutes;
                var code = codes.IssueOtp(session, CodePurpose.Signup, c.ClientId, address, TimeSpan.FromMinutes(minutes), signup: signup);
                mailer.Send(EmailTemplates.SignupOtp(address, signup.FirstName, code, minutes));
            }
            return new DetailResponse(SignUp001.Sent);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{client_id:long}/user/resend-verification-email/",
                    async (long client_id, Body b, IMediator m, CancellationToken ct) =>
                        TypedResults.Ok(await m.Send(new Command(client_id, b.Email), ct)))
                .WithName("001.ResendVerificationEmail").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 404)
                .RequireActiveClient()
                .AllowAnonymous();
    }
}
