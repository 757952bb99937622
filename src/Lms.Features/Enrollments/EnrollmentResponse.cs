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
    public sealed record CourseSummary(long Id, string Title, string Slug, CourseLevel Level, CourseStatus Status)
    {
        /// <summary>
        /// The summary as a hot read selects it from the course row <c>c</c> of enrollment <c>e</c>: five members, not
        /// the whole course document; a course that is gone reads as an archived, untitled one.
        /// </summary>
        public const string Sql = "row(jsonb_build_object('Id', (e.data ->> 'CourseId')::bigint, " +
                                  "'Title', coalesce(c.data -> 'Title', '\"\"'), 'Slug', coalesce(c.data -> 'Slug', '\"\"'), " +
                                  "'Level', coalesce(c.data -> 'Level', '\"Beginner\"'), 'Status', coalesce(c.data -> 'Status', '\"Archived\"')))";
    }

    public static EnrollmentResponse From(Enrollment e, Course? c) => From(e,
        new CourseSummary(e.CourseId, c?.Title ?? "", c?.Slug ?? "", c?.Level ?? CourseLevel.Beginner, c?.Status ?? CourseStatus.Archived));

    public static EnrollmentResponse From(Enrollment e, CourseSummary course) => new(
        e.Id, e.CourseId, course, e.StudentId, e.Status, e.ProgressPercentage, e.CompletedLessons, e.TotalLessons, e.EnrolledAt, e.CompletedAt);
}
