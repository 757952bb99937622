using Lms.Features.Common.Email;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;
using Lms.Features.Identity.Codes;
using Microsoft.Extensions.Options;

namespace Lms.Features.Identity.Registration;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/user/signup/</c>. No account is created yet: the sign-up waits (password
/// already hashed) beside a 6-digit OTP e-mailed to the address; <see cref="EmailVerification.VerifyEmail001"/> creates the account. A new
/// sign-up for the same e-mail replaces the pending one. A taken e-mail or phone in this client is a 400 (registration
/// inherently reveals it).
/// </summary>
public static class SignUp001
{
    public sealed record Body(string? FirstName, string? LastName, string? Email, string? Phone, string? Password, string? ConfirmPassword);

    public sealed record Command(long ClientId, string? FirstName, string? LastName, string? Email, string? Phone, string? Password,
        string? ConfirmPassword) : IRequest<DetailResponse>, ICommand;

    public const string Sent = "OTP sent to your email";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FirstName).Required().MaxChars(150);
            RuleFor(x => x.LastName).Required().MaxChars(150);
            RuleFor(x => x.Email).Email();
            RuleFor(x => x.Phone).Phone(AccountRules.PhoneInvalid);
            RuleFor(x => x.Password).Required().Custom((password, ctx) =>
            {
                if (string.IsNullOrEmpty(password)) return;
                foreach (var problem in PasswordRules.Check(password, null, ctx.InstanceToValidate.Email))
                    ctx.AddFailure(problem);
            });
            RuleFor(x => x.ConfirmPassword).Required().MaxChars(PasswordRules.MaxLength)
                .Equal(x => x.Password).WithMessage("Passwords do not match.");
        }
    }

    public sealed class Handler(IDocumentSession session, OneTimeCodes codes, Mailer mailer, AttemptThrottle throttle,
        IOptions<EmailSettings> email) : IRequestHandler<Command, DetailResponse>
    {
        public async Task<DetailResponse> Handle(Command c, CancellationToken ct)
        {
            throttle.Hit("signup", c.Email);
            var taken = await Usernames.TakenAsync(session, null, c.Email, c.Phone, ct);
            var errors = new List<(string, string)>();
            if (taken.Contains("email")) errors.Add(("email", AccountRules001.EmailTaken));
            if (taken.Contains("phone")) errors.Add(("phone", AccountRules001.PhoneTaken));
            if (errors.Count > 0) throw ValidationFailed.For([.. errors]);

            var pending = new PendingSignup(c.FirstName!.Trim(), c.LastName!.Trim(), c.Phone?.Trim() ?? "",
                Passwords.Hash(new User(), c.Password!));
            var minutes = email.Value.OtpMinutes;
            var code = codes.IssueOtp(session, CodePurpose.Signup, c.ClientId, c.Email!.Trim(), TimeSpan.FromMinutes(minutes), signup: pending);
            mailer.Send(EmailTemplates.SignupOtp(c.Email.Trim(), pending.FirstName, code, minutes));
            return new DetailResponse(Sent);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{client_id:long}/user/signup/", async (long client_id, Body b, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(client_id, b.FirstName, b.LastName, b.Email, b.Phone, b.Password,
                        b.ConfirmPassword), ct)))
                .WithName("001.SignUp").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 404)
                .RequireActiveClient()
                .AllowAnonymous();
    }
}
