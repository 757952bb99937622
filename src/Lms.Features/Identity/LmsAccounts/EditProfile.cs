using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.LmsAccounts;

/// <summary>
/// 002 <c>PATCH /api/users/profile/</c>: a partial update of the caller's own profile; absent fields keep their value.
/// Students edit guardian_phone and grade, teachers their specialization; a field of another role's profile answers
/// 400 naming it. E-mail, role and password are not editable here (unknown fields are a 400).
/// </summary>
public static class EditProfile
{
    public sealed record Body(string? FullName, string? Phone, string? GuardianPhone, string? Grade, string? Specialization, string? Bio);

    public sealed record Command(long UserId, string? FullName, string? Phone, string? GuardianPhone, string? Grade,
        string? Specialization, string? Bio) : IRequest<Response>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint == UsersSchema.PhoneIndex ? ValidationFailed.For("phone", LmsAccountRules.PhoneTaken) : null;
    }

    public sealed record Response(string Message, ProfileResponse.Nested Profile);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FullName).Must(v => v is null || !string.IsNullOrWhiteSpace(v)).WithMessage("This field may not be blank.")
                .MaxChars(LmsAccountRules.FullNameMax).SingleLine();
            RuleFor(x => x.Phone).OptionalPhone();
            RuleFor(x => x.GuardianPhone).OptionalPhone();
            RuleFor(x => x.Grade).MaxChars(LmsAccountRules.GradeMax).SingleLine();
            RuleFor(x => x.Specialization).MaxChars(LmsAccountRules.SpecializationMax).SingleLine();
            RuleFor(x => x.Bio).MaxChars(LmsAccountRules.BioMax)
                .Must(v => v is null || !v.Contains('\0', StringComparison.Ordinal)).WithMessage(LmsAccountRules.ControlCharacters);
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
                (await LmsAccountRules.TakenAsync(session, null, c.Phone, ct, user.Id)).Phone)
                errors.Add(("phone", LmsAccountRules.PhoneTaken));
            if (errors.Count > 0) throw ValidationFailed.For([.. errors]);

            if (c.FullName is not null) user.SetFullName(c.FullName);
            if (c.Phone is not null) user.SetPhone(c.Phone);
            if (c.GuardianPhone is not null) user.GuardianPhone = c.GuardianPhone.Trim();
            if (c.Grade is not null) user.Grade = c.Grade.Trim();
            if (c.Specialization is not null) user.Specialization = c.Specialization.Trim();
            if (c.Bio is not null) user.Bio = c.Bio;
            session.Store(user);
            TeacherStudent.SyncStudent(session, user);
            return new Response("Profile updated successfully", ProfileResponse.Nested.From(user));
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
