using Lms.Features.Common.Email;
using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Codes;
using Microsoft.Extensions.Options;

namespace Lms.Features.Identity.PasswordReset;

/// <summary>
/// 004 1.9 <c>POST /api/password-reset/request/</c>: e-mails a 6-digit OTP (a new request replaces the previous code).
/// The document answers an unknown address with a 400, so this route does tell whether an e-mail has an account;
/// the per-account and per-IP throttle limits how fast anyone can ask.
/// </summary>
public static class RequestPasswordReset004
{
    public sealed record Body(string? Email);

    public sealed record Command(string? Email) : IRequest<MessageResponse>, ICommand;

    public const string NoSuchEmail = "No user found with this email address.";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Email).Email();
    }

    public sealed class Handler(IDocumentSession session, OneTimeCodes codes, Mailer mailer, TenantContext tenant,
        AttemptThrottle throttle, IOptions<EmailSettings> email) : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var address = c.Email!.Trim();
            throttle.Hit("password-reset", address);
            var user = await Usernames.ByEmailAsync(session, address, ct);
            if (user is not { IsActive: true }) throw ValidationFailed.For("email", NoSuchEmail);

            var minutes = email.Value.OtpMinutes;
            var code = codes.IssueOtp(session, CodePurpose.PasswordReset, tenant.ClientId, user.Email, TimeSpan.FromMinutes(minutes), user.Id);
            var name = string.IsNullOrWhiteSpace(user.FirstName) ? user.Username : user.FirstName;
            mailer.Send(EmailTemplates.PasswordResetOtp(user.Email, name, code, minutes));
            return new MessageResponse("OTP sent to your email");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("password-reset/request/", "RequestPasswordReset",
                async (HttpRequest request, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command((await Bodies004.ReadBodyAsync<Body>(request, ct)).Body.Email), ct)),
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 415)
                    .AllowAnonymous());
    }
}
