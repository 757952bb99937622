using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;
using Lms.Features.Courses;

namespace Lms.Features.Enrollments.ListMyEnrollments;

/// <summary>003 <c>GET /api/enrollments/</c>: the caller's enrollments, newest first, in 003's page envelope.</summary>
public static class ListMyEnrollments003
{
    public sealed record Query(long StudentId, PageQuery Page) : IRequest<(IReadOnlyList<EnrollmentResponse> Results, long Count)>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<EnrollmentResponse> Results, long Count)>
    {
        public async Task<(IReadOnlyList<EnrollmentResponse> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var page = await session.Query<Enrollment>()
                .Stats(out var stats)
                .Where(e => e.StudentId == q.StudentId)
                .OrderByDescending(e => e.EnrolledAt).ThenByDescending(e => e.Id)
                .Skip(q.Page.Skip).Take(q.Page.PageSize)
                .ToListAsync(ct);
            // The page's courses in one more query (Include would stage ids in a temporary table).
            var courses = (await session.LoadManyAsync<Course>(ct, page.Select(e => e.CourseId).Distinct())).ToDictionary(c => c.Id);
            return (page.Select(e => EnrollmentResponse.From(e, courses.GetValueOrDefault(e.CourseId))).ToList(), stats.TotalResults);
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
