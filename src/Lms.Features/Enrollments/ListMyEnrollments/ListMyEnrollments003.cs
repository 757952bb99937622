using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;
using Lms.Features.Courses;

namespace Lms.Features.Enrollments.ListMyEnrollments;

/// <summary>003 <c>GET /api/enrollments/</c>: the caller's enrollments, newest first, in 003's page envelope.</summary>
public static class ListMyEnrollments003
{
    public sealed record Query(long StudentId, PageQuery Page) : IRequest<(IReadOnlyList<EnrollmentResponse> Results, long Count)>;

    /// <summary>
    /// The fast list (as <c>ListCourses003</c>): one statement for the page, each enrollment's course summary and the
    /// count, on the index of (client, student, course).
    /// </summary>
    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<EnrollmentResponse> Results, long Count)>
    {
        public async Task<(IReadOnlyList<EnrollmentResponse> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var where = new SqlText(session).Tenant("e").Add(" and (e.data ->> 'StudentId')::bigint = ?", q.StudentId);
            var count = new SqlText(session).Add($"select count(*) from {where.Table<Enrollment>()} e where ").Add(where);
            var sql = new SqlText(session)
                .Add($"with page as (select e.tenant_id, e.id, e.data from {where.Table<Enrollment>()} e where ").Add(where)
                .Add($" order by {where.NewestFirst("e", nameof(Enrollment.EnrolledAt))} {SqlText.LimitOffset(q.Page.PageSize, q.Page.Skip)})")
                .Add($" select row(e.data, e.id), {EnrollmentResponse.CourseSummary.Sql("e", where.Table<Course>())}, row((").Add(count).Add("))")
                .Add($" from page e order by {where.NewestFirst("e", nameof(Enrollment.EnrolledAt))}");
            var rows = await session.AdvancedSql.QueryAsync<Enrollment, EnrollmentResponse.CourseSummary, long>(sql.Sql, ct, sql.Args);
            if (rows.Count > 0) return (rows.Select(r => EnrollmentResponse.From(r.Item1, r.Item2)).ToList(), rows[0].Item3);
            return ([], await SqlText.CountForEmptyPageAsync(session, count, q.Page, ct));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/enrollments/", async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? page_size) =>
                {
                    var paging = PageQuery.Parse(page, page_size, 20, 100);
                    var (results, count) = await m.Send(new Query(user.UserId(), paging), ct);
                    return TypedResults.Ok(PageLinks.Envelope(request, paging, count, results));
                })
                .WithName("003.ListMyEnrollments").WithTags("003 Enrollments")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
