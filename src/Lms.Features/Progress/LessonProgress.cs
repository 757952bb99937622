namespace Lms.Features.Progress;

public enum ProgressStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>One student's progress on one lesson; created for every lesson when the student enrolls.</summary>
public sealed class LessonProgress
{
    public long Id { get; set; }
    public long StudentId { get; set; }
    public long CourseId { get; set; }
    public long LessonId { get; set; }
    public ProgressStatus Status { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The revision Marten read (<c>mt_version</c>); updates pass <c>Version + 1</c> to <c>UpdateRevision</c>.</summary>
    [Version]
    public long Version { get; set; }

    public ProgressStatus MoveTo(ProgressStatus next, DateTimeOffset now)
    {
        var previous = Status;
        Status = next;
        CompletedAt = next == ProgressStatus.Completed ? CompletedAt ?? now : null;
        UpdatedAt = now;
        return previous;
    }
}

public sealed class ProgressSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<LessonProgress>()
            .MultiTenanted()
            .UseNumericRevisions(true)
            .UniqueIndex(UniqueIndexType.Computed, "ux_progress_student_lesson", TenancyScope.PerTenant, x => x.StudentId, x => x.LessonId)
            .Index(x => x.CourseId);
}

public sealed record ProgressResponse(
    long Id,
    long LessonId,
    string LessonTitle,
    int LessonOrder,
    long CourseId,
    ProgressStatus Status,
    string Notes,
    DateTimeOffset? CompletedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProgressResponse From(LessonProgress p, Courses.Lesson? l) =>
        new(p.Id, p.LessonId, l?.Title ?? "", l?.Order ?? 0, p.CourseId, p.Status, p.Notes, p.CompletedAt, p.UpdatedAt);
}
