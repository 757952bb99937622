using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 002 <c>PATCH /api/users/profile/</c>: a partial update of the caller's own profile; absent fields keep their value.
/// Students edit guardian_phone and grade, teachers their specialization; a field of another role's profile answers
/// 400 naming it. E-mail, role and password are not editable here (unknown fields are a 400).
/// </summary>
public static class EditProfile002
{
    public sealed record Body(string? FullName, string? Phone, string? GuardianPhone, string? Grade, string? Specialization, string? Bio);

    public sealed record Command(long UserId, string? FullName, string? Phone, string? GuardianPhone, string? Grade,
        string? Specialization, string? Bio) : IRequest<Response>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint == UsersSchema.PhoneIndex ? ValidationFailed.For("phone", AccountRules002.PhoneTaken) : null;
    }

    public sealed record Response(string Message, ProfileView002_003.Nested Profile);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FullName).NotBlank()
                .MaxChars(AccountRules002.FullNameMax).SingleLine();
            RuleFor(x => x.Phone).Phone(AccountRules.PhoneInvalid);
            RuleFor(x => x.GuardianPhone).Phone(AccountRules.PhoneInvalid);
            RuleFor(x => x.Grade).MaxChars(AccountRules002.GradeMax).SingleLine();
            RuleFor(x => x.Specialization).MaxChars(AccountRules002.SpecializationMax).SingleLine();
            RuleFor(x => x.Bio).MaxChars(AccountRules002.BioMax)
                .Must(v => v is null || !v.Contains('\0', StringComparison.Ordinal)).WithMessage(AccountRules002.ControlCharacters);
        }
    }

    public sealed class Handler(IDocumentSession session) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(c.UserId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");

            var errors = new List<(string, string)>();
            if (user.Role != Role.Student)
            {
                if (c.GuardianPhone is not null) errors.Add(("guardian_phone", "Only a student profile has a guardian phone."));
                if (c.Grade is not null) errors.Add(("grade", "Only a student profile has a grade."));
            }
            if (user.Role != Role.Teacher && c.Specialization is not null)
                errors.Add(("specialization", "Only a teacher profile has a specialization."));
            if (c.Phone is not null && User.PhoneKeyOf(c.Phone) is { } key && key != user.PhoneKey &&
                (await AccountRules002.TakenAsync(session, null, c.Phone, ct, user.Id)).Phone)
                errors.Add(("phone", AccountRules002.PhoneTaken));
            if (errors.Count > 0) throw ValidationFailed.For([.. errors]);

            if (c.FullName is not null) user.SetFullName(c.FullName);
            if (c.Phone is not null) user.SetPhone(c.Phone);
            if (c.GuardianPhone is not null) user.GuardianPhone = c.GuardianPhone.Trim();
            if (c.Grade is not null) user.Grade = c.Grade.Trim();
            if (c.Specialization is not null) user.Specialization = c.Specialization.Trim();
            if (c.Bio is not null) user.Bio = c.Bio;
            session.Store(user);
            TeacherStudent.SyncStudent(session, user);
            return new Response("Profile updated successfully", ProfileView002_003.Nested.From(user));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPatch("/api/users/profile/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(
                        new Command(user.UserId(), b.FullName, b.Phone, b.GuardianPhone, b.Grade, b.Specialization, b.Bio), ct)))
                .WithName("002.UpdateProfile").WithTags("002 Users & Profiles")
                .ForDocuments(ApiDocument.Doc002, 400, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
