using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Features.Courses.GetCourse;

/// <summary>003 <c>GET /api/courses/{id}/</c>: public for published courses; drafts only for their instructor and admins (404 otherwise).</summary>
public static class GetCourse003
{
    public sealed record Query(long Id, Caller? Caller) : IRequest<CourseResponse>;

    /// <summary>The hot read: the course and its instructor's summary in one query (one round trip).</summary>
    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, CourseResponse>
    {
        public async Task<CourseResponse> Handle(Query q, CancellationToken ct)
        {
            var schema = session.DocumentStore.Options.Schema;
            var rows = await session.AdvancedSql.QueryAsync<Course, CourseResponse.InstructorSummary>(
                $"select row(c.data, c.id), {CourseResponse.InstructorSummary.Sql("c", schema.For<User>())} " +
                $"from {schema.For<Course>()} c where c.tenant_id = ? and c.id = ?", ct, session.TenantId, q.Id);
            if (rows.Count == 0 || !rows[0].Item1.IsVisibleTo(q.Caller)) throw new NotFound("course");
            return CourseResponse.From(rows[0].Item1, rows[0].Item2);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/courses/{id:long}/", async (long id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(id, Caller.FromOrNull(user)), ct)))
                .WithName("003.GetCourse").WithTags("003 Courses")
                .ForDocuments(ApiDocument.Doc003, 404)
                .AllowAnonymous();
    }
}
