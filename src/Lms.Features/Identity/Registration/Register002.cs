using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Registration;

/// <summary>
/// 002 <c>POST /api/users/auth/register/</c>: public sign-up, always a student. 002 has no username, so one is made
/// from the e-mail (003's token accepts the e-mail anyway). Taken e-mail or phone, and a password2 that differs, answer
/// together in one 400 field dict, as the document's example shows; a lost race on a unique index answers the same 400.
/// </summary>
public static class Register002
{
    public sealed record Command(string? Email, string? Password, string? Password2, string? FullName, string? Phone,
        string? GuardianPhone, string? Grade) : IRequest<Response>, IReportsUniqueViolations
    {
        /// <summary>
        /// The username is made from the e-mail, so two sign-ups racing with one e-mail may collide on the username index
        /// before the e-mail index: both mean "this e-mail was just registered".
        /// </summary>
        public ValidationFailed? UniqueViolation(string? constraint) => constraint switch
        {
            UsersSchema.EmailIndex or UsersSchema.UsernameIndex => ValidationFailed.For("email", AccountRules002.EmailTaken),
            UsersSchema.PhoneIndex => ValidationFailed.For("phone", AccountRules002.PhoneTaken),
            _ => null,
        };
    }

    public sealed record Response(long Id, string Email, string Role, bool IsActive, StudentProfile Profile);

    public sealed record StudentProfile(string FullName, string Phone, string GuardianPhone, string Grade);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Email).Email().SingleLine();
            RuleFor(x => x.Password).Required().Custom((password, ctx) =>
            {
                if (string.IsNullOrEmpty(password)) return;
                foreach (var problem in PasswordRules.Check(password, null, ctx.InstanceToValidate.Email))
                    ctx.AddFailure(problem);
            });
            RuleFor(x => x.Password2).Required().MaxChars(PasswordRules.MaxLength);
            RuleFor(x => x.FullName).Required().MaxChars(AccountRules002.FullNameMax).SingleLine();
            RuleFor(x => x.Phone).Phone(AccountRules.PhoneInvalid);
            RuleFor(x => x.GuardianPhone).Phone(AccountRules.PhoneInvalid);
            RuleFor(x => x.Grade).MaxChars(AccountRules002.GradeMax).SingleLine();
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var email = c.Email!.Trim();
            // One query for both taken values; the unique indexes still decide a race (UniqueViolation above).
            var taken = await AccountRules002.TakenAsync(session, email, c.Phone, ct);
            var errors = new List<(string, string)>();
            if (taken.Email) errors.Add(("email", AccountRules002.EmailTaken));
            if (!string.Equals(c.Password, c.Password2, StringComparison.Ordinal)) errors.Add(("password", AccountRules002.PasswordsDiffer));
            if (taken.Phone) errors.Add(("phone", AccountRules002.PhoneTaken));
            if (errors.Count > 0) throw ValidationFailed.For([.. errors]);

            var username = await Usernames.FreeFromEmailAsync(session, email, ct);
            var user = User.Create(username, email, "", "", Role.Student, clock.GetUtcNow());
            user.SetFullName(c.FullName!);
            user.SetPhone(c.Phone);
            user.GuardianPhone = c.GuardianPhone?.Trim() ?? "";
            user.Grade = c.Grade?.Trim() ?? "";
            user.RegisteredVia = "002";
            user.PasswordHash = Passwords.Hash(user, c.Password!);
            session.Insert(user);
            return new Response(user.Id, user.Email, user.Role.Word(), user.IsActive,
                new StudentProfile(user.FullName, user.Phone, user.GuardianPhone, user.Grade));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/auth/register/", async (Command body, IMediator m, CancellationToken ct) =>
                    // No Location: 002 has no route for one user by id.
                    TypedResults.Created((string?)null, await m.Send(body, ct)))
                .WithName("002.Register").WithTags("002 Authentication")
                .ForDocuments(ApiDocument.Doc002, 400)
                .AllowAnonymous();
    }
}
