using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Courses;
using Lms.Features.Enrollments;

namespace Lms.Features.Progress.GetCourseProgress;

/// <summary>
/// 003 <c>GET /api/progress/?course_id=</c>: the caller's progress in one course: the totals and one record per
/// lesson, in lesson order. A course has a bounded number of lessons, so the records are not paged.
/// </summary>
public static class GetCourseProgress003
{
    public sealed record Query(long StudentId, long CourseId) : IRequest<Response>;

    public sealed record Response(long CourseId, long EnrollmentId, EnrollmentStatus Status, int TotalLessons, int CompletedLessons,
        decimal ProgressPercentage, IReadOnlyList<ProgressResponse> Results);

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query q, CancellationToken ct)
        {
            var enrollment = await session.Query<Enrollment>()
                .FirstOrDefaultAsync(e => e.StudentId == q.StudentId && e.CourseId == q.CourseId, ct)
                ?? throw new NotFound("enrollment");
            var records = await session.Query<LessonProgress>()
                .Where(p => p.StudentId == q.StudentId && p.CourseId == q.CourseId)
                .ToListAsync(ct);
            var lessons = (await session.LoadManyAsync<Lesson>(ct, records.Select(p => p.LessonId))).ToDictionary(l => l.Id);
            var results = records
                .Select(p => ProgressResponse.From(p, lessons.GetValueOrDefault(p.LessonId)))
                .OrderBy(p => p.LessonOrder).ThenBy(p => p.Id)
                .ToList();
            return new Response(q.CourseId, enrollment.Id, enrollment.Status, enrollment.TotalLessons, enrollment.CompletedLessons,
                enrollment.ProgressPercentage, results);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/progress/", async (ClaimsPrincipal user, IMediator m, CancellationToken ct, string? course_id) =>
                {
                    if (string.IsNullOrEmpty(course_id)) throw ValidationFailed.For("course_id", "This query parameter is required.");
                    if (!long.TryParse(course_id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                            out var courseId) || courseId < 1)
                        throw ValidationFailed.For("course_id", DrfMessages.InvalidInteger);
                    return TypedResults.Ok(await m.Send(new Query(user.UserId(), courseId), ct));
                })
                .WithName("003.GetCourseProgress").WithTags("003 Progress")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403, 404)
                .RequireAuthorization(Policies.Authenticated);
    }
}
