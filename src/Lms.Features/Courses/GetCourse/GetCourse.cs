using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Marten.Linq;

namespace Lms.Features.Courses.GetCourse;

/// <summary>003 <c>GET /api/courses/{id}/</c>: public for published courses; drafts only for their instructor and admins (404 otherwise).</summary>
public static class GetCourse
{
    public sealed record Query(long Id, Caller? Caller) : IRequest<CourseResponse>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, CourseResponse>
    {
        public async Task<CourseResponse> Handle(Query q, CancellationToken ct)
        {
            var query = new CourseWithInstructor { Id = q.Id };
            var course = await session.QueryAsync(query, ct);
            if (course is null || !course.IsVisibleTo(q.Caller)) throw new NotFound("course");
            return CourseResponse.From(course, query.Instructor.FirstOrDefault());
        }
    }

    /// <summary>The hot read: a compiled query (planned once) that brings the instructor in the same round trip.</summary>
    public sealed class CourseWithInstructor : ICompiledQuery<Course, Course?>
    {
        public long Id { get; init; }
        public IList<User> Instructor { get; } = [];

        public System.Linq.Expressions.Expression<Func<IMartenQueryable<Course>, Course?>> QueryIs() =>
            q => q.Include(c => c.InstructorId, Instructor).FirstOrDefault(c => c.Id == Id);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/courses/{id:long}/", async (long id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(id, Caller.FromOrNull(user)), ct)))
                .WithName("003.GetCourse").WithTags("003 Courses")
                .ForDocuments(ApiDocument.Course003)
                .AllowAnonymous();
    }
}
