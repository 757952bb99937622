using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>004 1.12 <c>GET /api/teacher/teacher-profile/</c>: the signed-in teacher's own profile.</summary>
public static class GetTeacherProfile004
{
    public sealed record Query(long TeacherId) : IRequest<TeacherProfileView004>;

    public sealed class Handler(IQuerySession session, MediaUrls urls) : IRequestHandler<Query, TeacherProfileView004>
    {
        public async Task<TeacherProfileView004> Handle(Query q, CancellationToken ct)
        {
            var (teacher, stats) = await TeacherNumbers004.LoadAsync(session, q.TeacherId, ct);
            return TeacherProfileView004.From(teacher ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND"), stats, urls);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Get, "/teacher/teacher-profile/",
                async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(user.UserId()), ct)),
                "GetTeacherProfile",
                route => route.ForDocuments(ApiDocument.Doc004, 401, 403).RequireUserType(Role.Teacher));
    }
}
