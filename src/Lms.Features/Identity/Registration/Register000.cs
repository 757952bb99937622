using System.Security.Claims;
using Lms.Features.Common.Email;
using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Codes;
using Microsoft.Extensions.Options;

namespace Lms.Features.Identity.Registration;

/// <summary>
/// 000 <c>POST /api/auth/register/</c>: creates the account and e-mails a verification link (the account can sign in
/// before it is verified). <c>user_type: admin</c> only when an admin makes the call (spec decision 7).
/// </summary>
public static class Register000
{
    public sealed record Body(string? Username, string? Email, string? Password, string? PasswordConfirm, string? FirstName,
        string? LastName, string? UserType, string? Phone);

    public sealed record Command(string? Username, string? Email, string? Password, string? PasswordConfirm, string? FirstName,
        string? LastName, string? UserType, string? Phone, Caller? Caller) : IRequest<UserView000>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) => AccountRules000.UniqueViolation(constraint);

        /// <summary>Never the password in logs or exception messages.</summary>
        public override string ToString() => $"{nameof(Register000)}.{nameof(Command)} {{ Username = {Username} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Username).Required().MaxChars(AccountRules.UsernameMax).Username();
            RuleFor(x => x.Email).Email();
            RuleFor(x => x.Password).Required().Custom((password, ctx) =>
            {
                if (string.IsNullOrEmpty(password)) return;
                foreach (var problem in PasswordRules.Check(password, ctx.InstanceToValidate.Username, ctx.InstanceToValidate.Email))
                    ctx.AddFailure(problem);
            });
            RuleFor(x => x.PasswordConfirm).Required()
                .Must((c, confirm) => string.IsNullOrEmpty(c.Password) || string.Equals(confirm, c.Password, StringComparison.Ordinal))
                .WithMessage("Password fields didn't match.");
            RuleFor(x => x.FirstName).MaxChars(150);
            RuleFor(x => x.LastName).MaxChars(150);
            RuleFor(x => x.UserType).Must(t => string.IsNullOrEmpty(t) || Roles.TryParse(t, out _))
                .WithMessage(x => DrfMessages.NotAChoice(x.UserType));
            RuleFor(x => x.Phone).Phone(AccountRules.PhoneInvalid);
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock, TenantContext tenant, OneTimeCodes codes,
        Mailer mailer, IOptions<EmailSettings> email) : IRequestHandler<Command, UserView000>
    {
        public async Task<UserView000> Handle(Command c, CancellationToken ct)
        {
            var role = string.IsNullOrEmpty(c.UserType) ? Role.Student : Roles.TryParse(c.UserType, out var parsed) ? parsed : Role.Student;
            if (role == Role.Admin && c.Caller?.IsAdmin != true)
                throw new PermissionDenied("Only an admin can create an admin account.");

            // Friendly answers first (every taken field at once); the unique indexes still decide a race (same 400).
            if (await AccountRules000.TakenAsync(session, c.Username!, c.Email!, c.Phone, ct) is { } taken) throw taken;

            var user = User.Create(c.Username!, c.Email!, c.FirstName ?? "", c.LastName ?? "", role, clock.GetUtcNow());
            user.SetPhone(c.Phone);
            user.RegisteredVia = "000";
            user.PasswordHash = Passwords.Hash(user, c.Password!);
            session.Insert(user);

            var settings = email.Value;
            var token = codes.IssueToken(session, CodePurpose.EmailVerification, tenant.ClientId, user.Id, user.Email,
                TimeSpan.FromHours(settings.VerificationTokenHours));
            var link = $"{settings.PublicBaseUrl.TrimEnd('/')}/verify-email?token={Uri.EscapeDataString(token)}";
            mailer.Send(EmailTemplates.Verification(user.Email, user.FirstName.Length > 0 ? user.FirstName : user.Username, link, token));
            return UserView000.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/register/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    var created = await m.Send(new Command(b.Username, b.Email, b.Password, b.PasswordConfirm, b.FirstName, b.LastName,
                        b.UserType, b.Phone, Caller.FromOrNull(user)), ct);
                    // No Location: 000 has no route for one user by id.
                    return TypedResults.Created((string?)null, created);
                })
                .WithName("000.RegisterUser").WithTags("000 Authentication")
                .ForDocuments(ApiDocument.Doc000, 400, 403)
                .AllowAnonymous();
    }
}
