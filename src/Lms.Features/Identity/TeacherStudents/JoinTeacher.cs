using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004 1.17 <c>POST /api/join-teacher/{teacher_username}/</c>: the signed-in student joins a teacher. Joining twice is a
/// 400 "Already joined"; when two joins race, the unique pair index keeps one link and the loser hears the same 400.
/// </summary>
public static class JoinTeacher
{
    public sealed record Command(long StudentId, string TeacherUsername) : IRequest<MessageResponse>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint == TeacherStudentsSchema.PairIndex ? Edu004Errors.AlreadyJoined() : null;
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var teacher = await Teachers.ByUsernameAsync(session, c.TeacherUsername, ct);
            var student = await session.LoadAsync<User>(c.StudentId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            if (await session.Query<TeacherStudent>().AnyAsync(x => x.TeacherId == teacher.Id && x.StudentId == student.Id, ct))
                throw Edu004Errors.AlreadyJoined();
            session.Insert(TeacherStudent.Link(teacher, student, clock.GetUtcNow()));
            return new MessageResponse("Successfully joined teacher");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Edu004Routes.Post, "/join-teacher/{teacher_username}/",
                async (string teacher_username, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Created((string?)null, await m.Send(new Command(user.UserId(), teacher_username), ct)),
                "JoinTeacher",
                route => route.ForDocuments(ApiDocument.EduPro004, 400, 401, 403, 404).RequireUserType(Role.Student));
    }
}
