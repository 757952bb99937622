using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 004 1.13 <c>GET /api/teacher/teacher-profile/{teacher_username}/</c>: a teacher's public page, for anyone (no e-mail,
/// no phone). A username that is not a teacher's answers 404 like an unknown one.
/// </summary>
public static class GetPublicTeacherProfile004
{
    public sealed record Query(string TeacherUsername) : IRequest<PublicTeacherProfileView004>;

    public sealed class Handler(IQuerySession session, MediaUrls urls) : IRequestHandler<Query, PublicTeacherProfileView004>
    {
        public async Task<PublicTeacherProfileView004> Handle(Query q, CancellationToken ct)
        {
            var teacher = await Teachers.ByUsernameAsync(session, q.TeacherUsername, ct);
            return PublicTeacherProfileView004.From(teacher, await TeacherNumbers004.CountAsync(session, teacher.Id, ct), urls);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Get, "/teacher/teacher-profile/{teacher_username}/",
                async (string teacher_username, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(teacher_username), ct)),
                "GetPublicTeacherProfile",
                route => route.ForDocuments(ApiDocument.Doc004, 404).AllowAnonymous());
    }
}

internal static class Teachers
{
    /// <summary>The teacher with this username in the current client, or 404 "Teacher not found" (students are not teachers).</summary>
    public static async Task<User> ByUsernameAsync(IQuerySession session, string username, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 150) throw Doc004.Errors.TeacherNotFound(); // no such account
        var user = await Usernames.ByUsernameAsync(session, username, ct);
        return user is { Role: Role.Teacher, IsActive: true } ? user : throw Doc004.Errors.TeacherNotFound();
    }
}
