using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004 1.20 <c>DELETE /api/teacher/students/remove/{student_id}/</c>: ends the link to one of the teacher's students.
/// The student's account, enrollments and progress stay; the student may join again later.
/// </summary>
public static class RemoveStudent004
{
    public sealed record Command(long TeacherId, Guid StudentId) : IRequest<MessageResponse>, ICommand;

    public sealed class Handler(IDocumentSession session) : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var (_, link) = await MyStudents.FindAsync(session, c.TeacherId, c.StudentId, ct);
            session.Delete(link);
            return new MessageResponse("Student removed successfully");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Delete, "/teacher/students/remove/{student_id:guid}/",
                async (Guid student_id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(user.UserId(), student_id), ct)),
                "RemoveStudent",
                route => route.ForDocuments(ApiDocument.Doc004, 401, 403, 404).RequireUserType(Role.Teacher));
    }
}
