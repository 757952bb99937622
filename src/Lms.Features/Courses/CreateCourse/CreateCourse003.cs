using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Features.Courses.CreateCourse;

/// <summary>003 <c>POST /api/courses/</c>: teachers and admins; a new course starts as a draft.</summary>
public static class CreateCourse003
{
    public sealed record Body(string? Title, string? Slug, string? Description, string? Category, string? Level, int? DurationWeeks);

    public sealed record Command(Caller Caller, string? Title, string? Slug, string? Description, string? Category, string? Level,
        int? DurationWeeks) : IRequest<CourseResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Title).Required().MaxChars(200);
            RuleFor(x => x.Slug).MaxChars(200).Matches(CourseRules.SlugPattern)
                .WithMessage("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
            RuleFor(x => x.Description).MaxChars(10_000);
            RuleFor(x => x.Category).MaxChars(100);
            RuleFor(x => x.Level).Must(CourseRules.IsLevel).WithMessage(x => DrfMessages.NotAChoice(x.Level));
            RuleFor(x => x.DurationWeeks).InclusiveBetween(1, 520).When(x => x.DurationWeeks is not null)
                .WithMessage("Ensure this value is between 1 and 520.");
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, CourseResponse>
    {
        public async Task<CourseResponse> Handle(Command c, CancellationToken ct)
        {
            CourseRules.EnsureTeacher(c.Caller);
            var slug = string.IsNullOrWhiteSpace(c.Slug) ? CourseRules.Slugify(c.Title!) : c.Slug.Trim();
            if (await session.Query<Course>().AnyAsync(x => x.Slug == slug, ct))
                throw new Conflict("A course with this slug already exists.",
                    new Dictionary<string, string[]> { ["slug"] = ["A course with this slug already exists."] });

            var now = clock.GetUtcNow();
            var course = new Course
            {
                Title = c.Title!.Trim(),
                Slug = slug,
                Description = c.Description ?? "",
                Category = c.Category?.Trim() ?? "",
                Level = c.Level is null ? CourseLevel.Beginner : Enum.Parse<CourseLevel>(c.Level, ignoreCase: true),
                DurationWeeks = c.DurationWeeks ?? 1,
                Status = CourseStatus.Draft,
                InstructorId = c.Caller.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            session.Insert(course);
            var instructor = await session.LoadAsync<User>(c.Caller.Id, ct);
            return CourseResponse.From(course, instructor);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/courses/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    var created = await m.Send(new Command(Caller.From(user), b.Title, b.Slug, b.Description, b.Category, b.Level,
                        b.DurationWeeks), ct);
                    return TypedResults.Created($"/api/courses/{created.Id}/", created);
                })
                .WithName("003.CreateCourse").WithTags("003 Courses")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403, 409)
                .RequireAuthorization(Policies.Authenticated);
    }
}
