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
        /// The summary as a hot read selects it for enrollment row <paramref name="enrollment"/>: five members of the
        /// course's row, not the whole course document; a course that is gone reads as an archived, untitled one. A
        /// correlated subquery (a primary-key lookup per row), as <c>CourseResponse.InstructorSummary.Sql</c>.
        /// </summary>
        public static string Sql(string enrollment, string courses) =>
            "row(coalesce((select jsonb_build_object('Id', c.id, 'Title', c.data -> 'Title', 'Slug', c.data -> 'Slug', " +
            $"'Level', c.data -> 'Level', 'Status', c.data -> 'Status') from {courses} c where c.tenant_id = {enrollment}.tenant_id " +
            $"and c.id = ({enrollment}.data ->> 'CourseId')::bigint), jsonb_build_object('Id', ({enrollment}.data ->> 'CourseId')::bigint, " +
            "'Title', '', 'Slug', '', 'Level', 'Beginner', 'Status', 'Archived')))";
    }

    public static EnrollmentResponse From(Enrollment e, Course? c) => From(e,
        new CourseSummary(e.CourseId, c?.Title ?? "", c?.Slug ?? "", c?.Level ?? CourseLevel.Beginner, c?.Status ?? CourseStatus.Archived));

    public static EnrollmentResponse From(Enrollment e, CourseSummary course) => new(
        e.Id, e.CourseId, course, e.StudentId, e.Status, e.ProgressPercentage, e.CompletedLessons, e.TotalLessons, e.EnrolledAt, e.CompletedAt);
}
