using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Features.Courses.UpdateCourse;

/// <summary>
/// 003 <c>PUT /api/courses/{id}/</c>: the owner or an admin. The document shows no body; it takes create's fields
/// plus <c>status</c>, and fields left out keep their value.
/// </summary>
public static class UpdateCourse003
{
    public sealed record Body(string? Title, string? Slug, string? Description, string? Category, string? Level, int? DurationWeeks,
        string? Status);

    public sealed record Command(long Id, Caller Caller, Body Changes) : IRequest<CourseResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Changes.Title).NotBlank()
                .MaxChars(200).OverridePropertyName("title");
            RuleFor(x => x.Changes.Slug).MaxChars(200).Matches(CourseRules.SlugPattern)
                .WithMessage("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.").OverridePropertyName("slug");
            RuleFor(x => x.Changes.Description).MaxChars(10_000).OverridePropertyName("description");
            RuleFor(x => x.Changes.Category).MaxChars(100).OverridePropertyName("category");
            RuleFor(x => x.Changes.Level).Must(CourseRules.IsLevel).WithMessage(x => DrfMessages.NotAChoice(x.Changes.Level))
                .OverridePropertyName("level");
            RuleFor(x => x.Changes.Status).Must(CourseRules.IsStatus).WithMessage(x => DrfMessages.NotAChoice(x.Changes.Status))
                .OverridePropertyName("status");
            RuleFor(x => x.Changes.DurationWeeks).InclusiveBetween(1, 520).When(x => x.Changes.DurationWeeks is not null)
                .WithMessage("Ensure this value is between 1 and 520.").OverridePropertyName("duration_weeks");
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, CourseResponse>
    {
        public async Task<CourseResponse> Handle(Command c, CancellationToken ct)
        {
            var course = await session.LoadAsync<Course>(c.Id, ct);
            if (course is null || !course.IsVisibleTo(c.Caller)) throw new NotFound("course");
            if (!course.IsEditableBy(c.Caller)) throw new PermissionDenied("Only the course's instructor or an admin can change it.");

            var b = c.Changes;
            var now = clock.GetUtcNow();
            if (b.Slug is not null && b.Slug != course.Slug)
            {
                if (await session.Query<Course>().AnyAsync(x => x.Slug == b.Slug && x.Id != course.Id, ct))
                    throw new Conflict("A course with this slug already exists.",
                        new Dictionary<string, string[]> { ["slug"] = ["A course with this slug already exists."] });
                course.Slug = b.Slug;
            }
            if (b.Title is not null) course.Title = b.Title.Trim();
            if (b.Description is not null) course.Description = b.Description;
            if (b.Category is not null) course.Category = b.Category.Trim();
            if (b.Level is not null) course.Level = Enum.Parse<CourseLevel>(b.Level, ignoreCase: true);
            if (b.DurationWeeks is not null) course.DurationWeeks = b.DurationWeeks.Value;
            if (b.Status is not null) course.ChangeStatus(Enum.Parse<CourseStatus>(b.Status, ignoreCase: true), c.Caller, now);
            course.UpdatedAt = now;
            session.Store(course);

            var instructor = await session.LoadAsync<User>(course.InstructorId, ct);
            return CourseResponse.From(course, instructor);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/courses/{id:long}/", async (long id, Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(id, Caller.From(user), b), ct)))
                .WithName("003.UpdateCourse").WithTags("003 Courses")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403, 404, 409)
                .RequireAuthorization(Policies.Authenticated);
    }
}
