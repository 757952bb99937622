using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004 1.21 <c>POST /api/teacher/students/toggle-block/{student_id}/</c>: blocks an active student or unblocks a blocked
/// one. The body adds the new state (<c>is_blocked</c>) to the documented message. The change is written against the
/// version that was read, so of two simultaneous toggles one wins and the other gets a 409: a flip is never lost.
/// </summary>
public static class ToggleBlockStudent004
{
    public sealed record Command(long TeacherId, Guid StudentId) : IRequest<Response>, ICommand;

    public sealed record Response(string Message, bool IsBlocked);

    public sealed class Handler(IDocumentSession session) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var (_, link) = await MyStudents.FindAsync(session, c.TeacherId, c.StudentId, ct);
            var blocked = link.ToggleBlock();
            session.UpdateExpectedVersion(link, link.Version);
            return new Response("Student blocked/unblocked successfully", blocked);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Post, "/teacher/students/toggle-block/{student_id:guid}/",
                async (Guid student_id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(user.UserId(), student_id), ct)),
                "ToggleBlockStudent",
                route => route.ForDocuments(ApiDocument.Doc004, 401, 403, 404, 409).RequireUserType(Role.Teacher));
    }
}
