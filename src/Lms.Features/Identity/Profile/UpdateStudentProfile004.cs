using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 004 1.16 <c>PUT/PATCH /api/student/update-profile/</c>, as JSON or multipart (avatar file). Only the fields sent change.
/// A new name is copied onto the student's teacher links, so the teachers' lists search and sort by it at once.
/// </summary>
public static class UpdateStudentProfile004
{
    public sealed record Body(string? FirstName, string? LastName, string? GradeLevel, string? SchoolName, string? Avatar);

    public sealed record Command(long StudentId, string? FirstName, string? LastName, string? GradeLevel, string? SchoolName,
        ImageInput Avatar) : IRequest<MessageResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FirstName).NotBlank().MaxChars(150);
            RuleFor(x => x.LastName).NotBlank().MaxChars(150);
            RuleFor(x => x.GradeLevel).MaxChars(50);
            RuleFor(x => x.SchoolName).MaxChars(200);
            RuleFor(x => x.Avatar).ValidImage();
        }
    }

    public sealed class Handler(IDocumentSession session, IMediaStorage storage, AfterCommit afterCommit)
        : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var student = await session.LoadAsync<User>(c.StudentId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            var previousName = student.FullName;
            if (c.FirstName is not null) student.FirstName = c.FirstName.Trim();
            if (c.LastName is not null) student.LastName = c.LastName.Trim();
            if (c.GradeLevel is not null) student.Grade = c.GradeLevel.Trim();
            if (c.SchoolName is not null) student.SchoolName = c.SchoolName.Trim();
            student.AvatarPath = await ProfileImageStore.ApplyAsync(storage, afterCommit, "avatars", "avatar", c.Avatar, student.AvatarPath, ct);
            session.Store(student);

            if (student.FullName != previousName) TeacherStudent.SyncStudent(session, student);
            return new MessageResponse("Profile updated successfully");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.PutOrPatch, "/student/update-profile/",
                async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    var (b, files) = await UserTypes004.ReadBodyAsync<Body>(request, ct, "avatar");
                    return TypedResults.Ok(await m.Send(new Command(user.UserId(), b.FirstName, b.LastName, b.GradeLevel, b.SchoolName,
                        ImageInput.From(files, "avatar", b.Avatar)), ct));
                },
                "UpdateStudentProfile",
                route => route.Accepts<Body>("application/json", "multipart/form-data").DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 401, 403, 415).RequireUserType(Role.Student));
    }
}
