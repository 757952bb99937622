using Lms.Features.Courses;
using Lms.Features.Enrollments;
using Lms.Features.Progress;

namespace Lms.Tests.Unit.Enrollments;

public class EnrollmentTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddDays(1);
    private static readonly DateTimeOffset T2 = T0.AddDays(2);

    private static readonly Course Course = new() { Id = 42, Status = CourseStatus.Published, InstructorId = 10 };

    private static Lesson[] Lessons(int count) =>
        Enumerable.Range(1, count).Select(i => new Lesson { Id = 100 + i, CourseId = Course.Id, Order = i, Title = $"Lesson {i}" }).ToArray();

    private static Enrollment Enrolled(int lessons, int completed = 0) =>
        new() { StudentId = 20, CourseId = Course.Id, Status = EnrollmentStatus.Active, EnrolledAt = T0, TotalLessons = lessons, CompletedLessons = completed };

    [Fact]
    public void Start_creates_an_active_enrollment_and_one_not_started_record_per_lesson()
    {
        var lessons = Lessons(3);

        var (enrollment, progress) = Enrollment.Start(Course, 20, lessons, T0);

        Assert.Equal((20L, 42L, EnrollmentStatus.Active, T0, 3, 0), (enrollment.StudentId, enrollment.CourseId, enrollment.Status,
            enrollment.EnrolledAt, enrollment.TotalLessons, enrollment.CompletedLessons));
        Assert.Null(enrollment.CompletedAt);
        Assert.Equal(lessons.Select(l => l.Id), progress.Select(p => p.LessonId));
        Assert.All(progress, p =>
        {
            Assert.Equal((20L, 42L, ProgressStatus.NotStarted, T0), (p.StudentId, p.CourseId, p.Status, p.UpdatedAt));
            Assert.Null(p.CompletedAt);
        });
    }

    [Fact]
    public void Start_without_lessons_has_no_records_and_zero_percent()
    {
        var (enrollment, progress) = Enrollment.Start(Course, 20, [], T0);

        Assert.Empty(progress);
        Assert.Equal(0, enrollment.TotalLessons);
        Assert.Equal(0m, enrollment.ProgressPercentage);
    }

    [Theory]
    [InlineData(ProgressStatus.NotStarted)]
    [InlineData(ProgressStatus.InProgress)]
    public void Completing_a_lesson_counts_up(ProgressStatus from)
    {
        var enrollment = Enrolled(3);

        enrollment.Record(from, ProgressStatus.Completed, T1);

        Assert.Equal(1, enrollment.CompletedLessons);
        Assert.Equal(33.33m, enrollment.ProgressPercentage);
        Assert.Equal(EnrollmentStatus.Active, enrollment.Status);
        Assert.Null(enrollment.CompletedAt);
    }

    [Theory]
    [InlineData(ProgressStatus.NotStarted)]
    [InlineData(ProgressStatus.InProgress)]
    public void Reopening_a_completed_lesson_counts_down(ProgressStatus to)
    {
        var enrollment = Enrolled(3, completed: 2);

        enrollment.Record(ProgressStatus.Completed, to, T1);

        Assert.Equal(1, enrollment.CompletedLessons);
    }

    [Theory]
    [InlineData(ProgressStatus.NotStarted, ProgressStatus.InProgress)]
    [InlineData(ProgressStatus.InProgress, ProgressStatus.NotStarted)]
    [InlineData(ProgressStatus.Completed, ProgressStatus.Completed)]
    public void Moves_that_neither_complete_nor_reopen_keep_the_count(ProgressStatus from, ProgressStatus to)
    {
        var enrollment = Enrolled(3, completed: 1);

        enrollment.Record(from, to, T1);

        Assert.Equal(1, enrollment.CompletedLessons);
    }

    [Fact]
    public void The_count_never_goes_below_zero()
    {
        var enrollment = Enrolled(2, completed: 0);

        enrollment.Record(ProgressStatus.Completed, ProgressStatus.NotStarted, T1);

        Assert.Equal(0, enrollment.CompletedLessons);
    }

    [Fact]
    public void The_count_never_exceeds_the_lessons()
    {
        var enrollment = Enrolled(2, completed: 2);

        enrollment.Record(ProgressStatus.InProgress, ProgressStatus.Completed, T1);

        Assert.Equal(2, enrollment.CompletedLessons);
        Assert.Equal(100m, enrollment.ProgressPercentage);
    }

    [Fact]
    public void Completing_the_last_lesson_completes_the_enrollment()
    {
        var enrollment = Enrolled(2, completed: 1);

        enrollment.Record(ProgressStatus.InProgress, ProgressStatus.Completed, T1);

        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        Assert.Equal(T1, enrollment.CompletedAt);
        Assert.Equal(100m, enrollment.ProgressPercentage);
    }

    [Fact]
    public void A_completed_enrollment_keeps_its_first_completion_time()
    {
        var enrollment = Enrolled(2, completed: 1);
        enrollment.Record(ProgressStatus.InProgress, ProgressStatus.Completed, T1);

        enrollment.Record(ProgressStatus.NotStarted, ProgressStatus.InProgress, T2);

        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        Assert.Equal(T1, enrollment.CompletedAt);
    }

    [Fact]
    public void Reopening_a_lesson_of_a_completed_enrollment_makes_it_active_again()
    {
        var enrollment = Enrolled(2, completed: 1);
        enrollment.Record(ProgressStatus.InProgress, ProgressStatus.Completed, T1);

        enrollment.Record(ProgressStatus.Completed, ProgressStatus.InProgress, T2);

        Assert.Equal(EnrollmentStatus.Active, enrollment.Status);
        Assert.Null(enrollment.CompletedAt);
        Assert.Equal(1, enrollment.CompletedLessons);
    }

    [Fact]
    public void Completing_again_after_reopening_takes_the_new_time()
    {
        var enrollment = Enrolled(1);
        enrollment.Record(ProgressStatus.NotStarted, ProgressStatus.Completed, T0);
        enrollment.Record(ProgressStatus.Completed, ProgressStatus.InProgress, T1);

        enrollment.Record(ProgressStatus.InProgress, ProgressStatus.Completed, T2);

        Assert.Equal(T2, enrollment.CompletedAt);
    }

    [Fact]
    public void An_enrollment_without_lessons_never_completes()
    {
        var enrollment = Enrolled(0);

        enrollment.Record(ProgressStatus.NotStarted, ProgressStatus.Completed, T1);

        Assert.Equal((0, EnrollmentStatus.Active), (enrollment.CompletedLessons, enrollment.Status));
        Assert.Null(enrollment.CompletedAt);
    }
}
