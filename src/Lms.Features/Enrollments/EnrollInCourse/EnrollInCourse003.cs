using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Courses;

namespace Lms.Features.Enrollments.EnrollInCourse;

/// <summary>
/// 003 <c>POST /api/enrollments/</c> <c>{"course_id": 1}</c>: 201 with the enrollment; 409 when already enrolled
/// (the unique index decides a double submit: exactly one enrollment survives).
/// </summary>
public static class EnrollInCourse003
{
    public sealed record Body(long? CourseId);

    public sealed record Command(Caller Caller, long? CourseId) : IRequest<EnrollmentResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(x => x.CourseId).Required().GreaterThan(0).WithMessage(DrfMessages.InvalidInteger);
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, EnrollmentResponse>
    {
        public async Task<EnrollmentResponse> Handle(Command c, CancellationToken ct)
        {
            var course = await session.LoadAsync<Course>(c.CourseId!.Value, ct);
            if (course is null || !course.IsVisibleTo(c.Caller)) throw new NotFound("course");
            course.EnsureOpenFor(c.Caller);
            if (await session.Query<Enrollment>().AnyAsync(e => e.StudentId == c.Caller.Id && e.CourseId == course.Id, ct))
                throw new Conflict("You are already enrolled in this course.");

            var lessons = await session.Query<Lesson>().Where(l => l.CourseId == course.Id).OrderBy(l => l.Order).ToListAsync(ct);
            var (enrollment, progress) = Enrollment.Start(course, c.Caller.Id, lessons, clock.GetUtcNow());
            session.Insert(enrollment);
            session.Insert(progress.ToArray());
            return EnrollmentResponse.From(enrollment, course);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/enrollments/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    var created = await m.Send(new Command(Caller.From(user), b.CourseId), ct);
                    return TypedResults.Created($"/api/enrollments/{created.Id}/", created);
                })
                .WithName("003.EnrollInCourse").WithTags("003 Enrollments")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403, 404, 409)
                .RequireAuthorization(Policies.Authenticated);
    }
}
