using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Courses;
using Lms.Features.Enrollments;

namespace Lms.Features.Progress.UpdateLessonProgress;

/// <summary>
/// 003 <c>PUT /api/progress/{id}/</c> <c>{"status": "completed", "notes": "..."}</c>. A record belongs to its student:
/// anyone else gets 404. The enrollment's counters move in the same transaction; both documents are written with
/// revision checks, so a concurrent update of the same record or enrollment answers 409 rather than losing a count.
/// </summary>
public static class UpdateLessonProgress003
{
    public sealed record Body(string? Status, string? Notes);

    public sealed record Command(long Id, long StudentId, string? Status, string? Notes) : IRequest<ProgressResponse>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(s => s is null || TryParse(s, out _))
                .WithMessage(x => DrfMessages.NotAChoice(x.Status));
            RuleFor(x => x.Notes).MaxChars(5000);
            RuleFor(x => x).Must(x => x.Status is not null || x.Notes is not null)
                .WithMessage("Provide status or notes.").OverridePropertyName("non_field_errors");
        }
    }

    internal static bool TryParse(string s, out ProgressStatus status)
    {
        status = s.Trim().ToLowerInvariant() switch
        {
            "not_started" => ProgressStatus.NotStarted,
            "in_progress" => ProgressStatus.InProgress,
            "completed" => ProgressStatus.Completed,
            _ => (ProgressStatus)(-1),
        };
        return Enum.IsDefined(status);
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, ProgressResponse>
    {
        public async Task<ProgressResponse> Handle(Command c, CancellationToken ct)
        {
            var progress = await session.LoadAsync<LessonProgress>(c.Id, ct);
            if (progress is null || progress.StudentId != c.StudentId) throw new NotFound("progress record");
            var now = clock.GetUtcNow();

            if (c.Notes is not null)
            {
                progress.Notes = c.Notes;
                progress.UpdatedAt = now;
            }
            if (c.Status is not null && TryParse(c.Status, out var next) && next != progress.Status)
            {
                var enrollment = await session.Query<Enrollment>()
                    .FirstOrDefaultAsync(e => e.StudentId == c.StudentId && e.CourseId == progress.CourseId, ct)
                    ?? throw new NotFound("enrollment");
                var previous = progress.MoveTo(next, now);
                enrollment.Record(previous, next, now);
                // Guarded by the revision read above: of two concurrent changes, the second fails with 409
                // instead of overwriting the first one's count (Store would just bump the revision).
                session.UpdateRevision(enrollment, enrollment.Version + 1);
            }
            session.UpdateRevision(progress, progress.Version + 1);
            var lesson = await session.LoadAsync<Lesson>(progress.LessonId, ct);
            return ProgressResponse.From(progress, lesson);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/progress/{id:long}/", async (long id, Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(id, user.UserId(), b.Status, b.Notes), ct)))
                .WithName("003.UpdateLessonProgress").WithTags("003 Progress")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403, 404, 409)
                .RequireAuthorization(Policies.Authenticated);
    }
}
