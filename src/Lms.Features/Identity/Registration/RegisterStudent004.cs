using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Registration;

/// <summary>
/// 004 1.2 <c>POST /api/student/student-register/{teacher_username}/</c>: the student account and its link to the
/// teacher, in one unit of work.
/// </summary>
public static class RegisterStudent004
{
    public sealed record Body(string? FirstName, string? LastName, string? Email, string? Username, string? Phone,
        string? ParentPhone, string? Password1, string? Password2, string? Avatar);

    public sealed record Command(string TeacherUsername, string? FirstName, string? LastName, string? Email, string? Username,
        string? Phone, string? ParentPhone, string? Password1, string? Password2, IFormFile? Avatar, string? AvatarText)
        : IRequest<Response>, IReportsUniqueViolations, IAccountFields
    {
        public ValidationFailed? UniqueViolation(string? constraint) => AccountRules004.UniqueViolation(constraint);
    }

    public sealed record StudentUser(Guid Id, string Email, string Phone, string ParentPhone, string Username, string UserType,
        string Slug, string? Avatar);

    public sealed record Response(string Message, StudentUser User);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            this.AddAccountRules();
            RuleFor(x => x.ParentPhone).Required().Phone(AccountRules004.ParentPhoneNotNumber);
            this.AddPasswordRules();
            this.AddImageRule(x => x.Avatar, x => x.AvatarText);
        }
    }

    public sealed class Handler(IDocumentSession session, IMediaStorage storage, MediaUrls urls, TimeProvider clock)
        : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var teacher = await Sessions004.TeacherAsync(session, c.TeacherUsername, ct);
            var taken = await Usernames.TakenAsync(session, c.Username, c.Email, c.Phone, ct);
            if (AccountRules004.Taken(taken, teacherMissing: teacher is null) is { } invalid) throw invalid;

            var now = clock.GetUtcNow();
            var user = AccountRules004.NewAccount(c, Role.Student, now);
            user.GuardianPhone = c.ParentPhone!.Trim();
            if (c.Avatar is not null) user.AvatarPath = await ImageUploads.SaveAsync(storage, "avatars", "avatar", c.Avatar, ct);
            session.Insert(user); // assigns the id the link needs
            session.Insert(TeacherStudent.Link(teacher!, user, now));
            return new Response("Student created successfully", new StudentUser(user.Key, user.Email, user.Phone,
                user.GuardianPhone, user.Username, Roles.Student, user.Slug, urls.Absolute(user.AvatarPath)));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("student/student-register/{teacher_username}/", "RegisterStudent",
                async (string teacher_username, HttpRequest request, IMediator m, CancellationToken ct) =>
                {
                    var (b, files) = await Bodies004.ReadBodyAsync<Body>(request, ct, "avatar");
                    var created = await m.Send(new Command(teacher_username, b.FirstName, b.LastName, b.Email, b.Username, b.Phone,
                        b.ParentPhone, b.Password1, b.Password2, files.GetFile("avatar"), b.Avatar), ct);
                    return TypedResults.Created((string?)null, created);
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 413, 415)
                    .AllowAnonymous());
    }
}
