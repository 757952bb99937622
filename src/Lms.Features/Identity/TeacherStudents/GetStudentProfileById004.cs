using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004 1.19 <c>GET /api/teacher/get-student-profile/{student_id}/</c>: one of the signed-in teacher's students, by the
/// student's uuid (<c>student.id</c> in the list). Anyone else's student answers 404, as an unknown id does.
/// </summary>
public static class GetStudentProfileById004
{
    public sealed record Query(long TeacherId, Guid StudentId) : IRequest<TeacherStudentProfileView004>;

    public sealed class Handler(IQuerySession session, MediaUrls urls) : IRequestHandler<Query, TeacherStudentProfileView004>
    {
        public async Task<TeacherStudentProfileView004> Handle(Query q, CancellationToken ct)
        {
            var (student, link) = await MyStudents.FindAsync(session, q.TeacherId, q.StudentId, ct);
            return TeacherStudentProfileView004.From(student, link, urls);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Get, "/teacher/get-student-profile/{student_id:guid}/",
                async (Guid student_id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(user.UserId(), student_id), ct)),
                "GetStudentProfileById",
                route => route.ForDocuments(ApiDocument.Doc004, 401, 403, 404).RequireUserType(Role.Teacher));
    }
}

internal static class MyStudents
{
    /// <summary>The student (by uuid) and the teacher's link to them, or 404 "Student not found" when they are not linked.</summary>
    public static async Task<(User Student, TeacherStudent Link)> FindAsync(IQuerySession session, long teacherId, Guid studentKey,
        CancellationToken ct)
    {
        var student = await session.Query<User>().FirstOrDefaultAsync(u => u.Key == studentKey, ct)
                      ?? throw Doc004.Errors.StudentNotFound();
        var link = await session.Query<TeacherStudent>()
                       .FirstOrDefaultAsync(x => x.TeacherId == teacherId && x.StudentId == student.Id, ct)
                   ?? throw Doc004.Errors.StudentNotFound();
        return (student, link);
    }
}
