using Lms.Features.Courses;

namespace Lms.Features.Enrollments;

public sealed record EnrollmentResponse(
    long Id,
    long CourseId,
    EnrollmentResponse.CourseSummary Course,
    long Student,
    EnrollmentStatus Status,
    decimal ProgressPercentage,
    int CompletedLessons,
    int TotalLessons,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? CompletedAt)
{
    public sealed record CourseSummary(long Id, string Title, string Slug, CourseLevel Level, CourseStatus Status);

    public static EnrollmentResponse From(Enrollment e, Course? c) => new(
        e.Id, e.CourseId,
        new CourseSummary(e.CourseId, c?.Title ?? "", c?.Slug ?? "", c?.Level ?? CourseLevel.Beginner, c?.Status ?? CourseStatus.Archived),
        e.StudentId, e.Status, e.ProgressPercentage, e.CompletedLessons, e.TotalLessons, e.EnrolledAt, e.CompletedAt);
}
