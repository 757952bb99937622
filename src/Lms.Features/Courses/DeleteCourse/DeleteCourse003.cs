using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Enrollments;

namespace Lms.Features.Courses.DeleteCourse;

/// <summary>
/// 003 <c>DELETE /api/courses/{id}/</c>: the owner or an admin; 204 (DRF's default). A course with enrollments is
/// never deleted (students' records would go with it): 409, archive it instead.
/// </summary>
public static class DeleteCourse003
{
    public sealed record Command(long Id, Caller Caller) : IRequest<Unit>, ICommand;

    public sealed class Handler(IDocumentSession session) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command c, CancellationToken ct)
        {
            var course = await session.LoadAsync<Course>(c.Id, ct);
            if (course is null || !course.IsVisibleTo(c.Caller)) throw new NotFound("course");
            if (!course.IsEditableBy(c.Caller)) throw new PermissionDenied("Only the course's instructor or an admin can delete it.");
            if (await session.Query<Enrollment>().AnyAsync(e => e.CourseId == c.Id, ct))
                throw new Conflict("This course has enrollments; archive it instead of deleting it.");

            session.Delete(course);
            session.DeleteWhere<Lesson>(l => l.CourseId == c.Id);
            return Unit.Value;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/courses/{id:long}/", async (long id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    await m.Send(new Command(id, Caller.From(user)), ct);
                    return TypedResults.NoContent();
                })
                .WithName("003.DeleteCourse").WithTags("003 Courses")
                .ForDocuments(ApiDocument.Doc003, 401, 403, 404, 409)
                .RequireAuthorization(Policies.Authenticated);
    }
}
