using Lms.Features.Common.Persistence;
using Lms.Features.Courses;
using Lms.Features.Progress;

namespace Lms.Features.Enrollments;

public enum EnrollmentStatus
{
    Active,
    Completed,
    Cancelled,
}

/// <summary>
/// One student in one course (unique per tenant, so a double submit leaves one). Carries its completion counters;
/// numeric revisions make two concurrent progress updates fail cleanly instead of losing a count.
/// </summary>
public sealed class Enrollment
{
    public long Id { get; set; }
    public Guid Key { get; set; } = Guid.CreateVersion7();
    public long StudentId { get; set; }
    public long CourseId { get; set; }
    public EnrollmentStatus Status { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int TotalLessons { get; set; }
    public int CompletedLessons { get; set; }

    /// <summary>
    /// The revision Marten read (<c>mt_version</c>). Writers pass <c>Version + 1</c> to <c>UpdateRevision</c>, so a
    /// concurrent writer that read the same revision fails with a conflict; a plain <c>Store</c> would not check it.
    /// </summary>
    [Version]
    public long Version { get; set; }

    public decimal ProgressPercentage => TotalLessons == 0 ? 0m : Math.Round(100m * CompletedLessons / TotalLessons, 2);

    /// <summary>Enrolls a student and starts a not-started progress record for each lesson.</summary>
    public static (Enrollment Enrollment, IReadOnlyList<LessonProgress> Progress) Start(
        Course course, long studentId, IReadOnlyList<Lesson> lessons, DateTimeOffset now)
    {
        var enrollment = new Enrollment
        {
            StudentId = studentId, CourseId = course.Id, Status = EnrollmentStatus.Active, EnrolledAt = now, TotalLessons = lessons.Count,
        };
        var progress = lessons.Select(l => new LessonProgress
        {
            StudentId = studentId, CourseId = course.Id, LessonId = l.Id, Status = ProgressStatus.NotStarted, UpdatedAt = now,
        }).ToList();
        return (enrollment, progress);
    }

    /// <summary>Keeps the counters and the status in step with one lesson's change of status.</summary>
    public void Record(ProgressStatus from, ProgressStatus to, DateTimeOffset now)
    {
        if (from != ProgressStatus.Completed && to == ProgressStatus.Completed) CompletedLessons++;
        if (from == ProgressStatus.Completed && to != ProgressStatus.Completed) CompletedLessons--;
        CompletedLessons = Math.Clamp(CompletedLessons, 0, TotalLessons);

        if (TotalLessons > 0 && CompletedLessons == TotalLessons)
        {
            Status = EnrollmentStatus.Completed;
            CompletedAt ??= now;
        }
        else if (Status == EnrollmentStatus.Completed)
        {
            Status = EnrollmentStatus.Active;
            CompletedAt = null;
        }
    }
}

public sealed class EnrollmentsSchema : IConfigureMarten
{
    public const string StudentCourseIndex = "ux_enrollments_student_course";

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Schema.For<Enrollment>()
            .MultiTenanted()
            .UseNumericRevisions(true)
            .UniqueIndex(UniqueIndexType.Computed, StudentCourseIndex, TenancyScope.PerTenant, x => x.StudentId, x => x.CourseId)
            .UniqueIndex(UniqueIndexType.Computed, "ux_enrollments_key", x => x.Key)
            .Index(x => x.CourseId)
            .Index(x => x.EnrolledAt);
        DatabaseErrors.Describe(StudentCourseIndex, null, "You are already enrolled in this course.");
    }
}
