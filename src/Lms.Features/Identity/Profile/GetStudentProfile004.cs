using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 004 1.15 <c>GET /api/student/student-profile/{teacher_username}/</c>: the signed-in student's profile under one of
/// their teachers. 404 for an unknown teacher and for one the student has not joined (as the original backend); 403 when
/// the student is blocked by them.
/// </summary>
public static class GetStudentProfile004
{
    public sealed record Query(long StudentId, string TeacherUsername) : IRequest<StudentProfileView004>;

    public sealed class Handler(IQuerySession session, MediaUrls urls) : IRequestHandler<Query, StudentProfileView004>
    {
        public async Task<StudentProfileView004> Handle(Query q, CancellationToken ct)
        {
            var teacher = await Teachers.ByUsernameAsync(session, q.TeacherUsername, ct);
            var link = await session.Query<TeacherStudent>()
                .FirstOrDefaultAsync(x => x.TeacherId == teacher.Id && x.StudentId == q.StudentId, ct) ?? throw Doc004.Errors.NotJoinedProfile();
            if (link.IsBlocked) throw Doc004.Errors.AccountBlocked();
            var student = await session.LoadAsync<User>(q.StudentId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            return StudentProfileView004.From(student, urls);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Get, "/student/student-profile/{teacher_username}/",
                async (string teacher_username, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(user.UserId(), teacher_username), ct)),
                "GetStudentProfile",
                route => route.ForDocuments(ApiDocument.Doc004, 401, 403, 404).RequireUserType(Role.Student));
    }
}
