using Lms.Features.Common.Errors;
using Lms.Features.Common.Security;
using Lms.Features.Courses;

namespace Lms.Tests.Unit.Courses;

public class CourseTests
{
    private static readonly DateTimeOffset Created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddHours(1);

    private static readonly Caller Instructor = new(10, Role.Teacher);
    private static readonly Caller OtherTeacher = new(11, Role.Teacher);
    private static readonly Caller Student = new(20, Role.Student);
    private static readonly Caller Admin = new(1, Role.Admin);

    private static Course ACourse(CourseStatus status) =>
        new() { Id = 5, Title = "Intro", Slug = "intro", Status = status, InstructorId = Instructor.Id, CreatedAt = Created, UpdatedAt = Created };

    [Fact]
    public void A_published_course_is_visible_to_everyone()
    {
        var course = ACourse(CourseStatus.Published);

        Assert.True(course.IsVisibleTo(null));
        Assert.True(course.IsVisibleTo(Student));
        Assert.True(course.IsVisibleTo(OtherTeacher));
    }

    [Theory]
    [InlineData(CourseStatus.Draft)]
    [InlineData(CourseStatus.Pending)]
    [InlineData(CourseStatus.Rejected)]
    [InlineData(CourseStatus.Archived)]
    public void An_unpublished_course_is_visible_only_to_its_instructor_and_admins(CourseStatus status)
    {
        var course = ACourse(status);

        Assert.False(course.IsVisibleTo(null));
        Assert.False(course.IsVisibleTo(Student));
        Assert.False(course.IsVisibleTo(OtherTeacher));
        Assert.True(course.IsVisibleTo(Instructor));
        Assert.True(course.IsVisibleTo(Admin));
    }

    [Fact]
    public void Only_the_instructor_and_admins_may_edit()
    {
        var course = ACourse(CourseStatus.Published);

        Assert.True(course.IsEditableBy(Instructor));
        Assert.True(course.IsEditableBy(Admin));
        Assert.False(course.IsEditableBy(OtherTeacher));
        Assert.False(course.IsEditableBy(Student));
    }

    [Theory]
    [InlineData(CourseStatus.Published)]
    [InlineData(CourseStatus.Rejected)]
    public void A_teacher_cannot_publish_or_reject(CourseStatus next)
    {
        var course = ACourse(CourseStatus.Pending);

        var error = Assert.Throws<PermissionDenied>(() => course.ChangeStatus(next, Instructor, Later));

        Assert.Equal(403, error.Status);
        Assert.Equal(CourseStatus.Pending, course.Status);
        Assert.Equal(Created, course.UpdatedAt);
    }

    [Theory]
    [InlineData(CourseStatus.Pending)]
    [InlineData(CourseStatus.Archived)]
    [InlineData(CourseStatus.Draft)]
    public void A_teacher_can_submit_archive_and_return_to_draft(CourseStatus next)
    {
        var course = ACourse(next == CourseStatus.Draft ? CourseStatus.Pending : CourseStatus.Draft);

        course.ChangeStatus(next, Instructor, Later);

        Assert.Equal(next, course.Status);
        Assert.Equal(Later, course.UpdatedAt);
    }

    [Theory]
    [InlineData(CourseStatus.Published)]
    [InlineData(CourseStatus.Rejected)]
    public void An_admin_can_publish_and_reject(CourseStatus next)
    {
        var course = ACourse(CourseStatus.Pending);

        course.ChangeStatus(next, Admin, Later);

        Assert.Equal(next, course.Status);
        Assert.Equal(Later, course.UpdatedAt);
    }

    [Fact]
    public void Setting_the_current_status_is_a_no_op_even_for_a_teacher_on_a_published_course()
    {
        var course = ACourse(CourseStatus.Published);

        course.ChangeStatus(CourseStatus.Published, Instructor, Later);

        Assert.Equal(CourseStatus.Published, course.Status);
        Assert.Equal(Created, course.UpdatedAt);
    }

    [Fact]
    public void A_published_course_is_open_to_a_student()
    {
        var course = ACourse(CourseStatus.Published);

        var error = Record.Exception(() => course.EnsureOpenFor(Student));

        Assert.Null(error);
    }

    [Fact]
    public void The_instructor_cannot_enroll_in_their_own_course()
    {
        var error = Assert.Throws<BadRequest>(() => ACourse(CourseStatus.Published).EnsureOpenFor(Instructor));

        Assert.Equal("INVALID_ENROLLMENT", error.Code);
    }

    [Theory]
    [InlineData(CourseStatus.Draft)]
    [InlineData(CourseStatus.Pending)]
    [InlineData(CourseStatus.Archived)]
    public void An_unpublished_course_is_not_open_for_enrollment(CourseStatus status)
    {
        var error = Assert.Throws<BadRequest>(() => ACourse(status).EnsureOpenFor(Admin));

        Assert.Equal("COURSE_NOT_PUBLISHED", error.Code);
        Assert.Equal(400, error.Status);
    }
}

public class CourseRulesTests
{
    [Theory]
    [InlineData("Intro to Python", "intro-to-python")]
    [InlineData("  C# & .NET:  the Basics!  ", "c-net-the-basics")]
    [InlineData("Déjà vu 101", "d-j-vu-101")]
    [InlineData("already-a_slug", "already-a-slug")]
    public void Slugify_keeps_lowercase_ascii_letters_and_digits_joined_by_single_hyphens(string title, string slug) =>
        Assert.Equal(slug, CourseRules.Slugify(title));

    [Theory]
    [InlineData("!!!")]
    [InlineData("日本語")]
    public void Slugify_of_a_title_without_ascii_letters_is_course(string title) => Assert.Equal("course", CourseRules.Slugify(title));

    [Fact]
    public void Slugify_caps_the_slug_at_200_characters() => Assert.Equal(new string('a', 200), CourseRules.Slugify(new string('A', 300)));

    [Fact]
    public void A_slugified_title_is_a_valid_slug() =>
        Assert.Matches(CourseRules.SlugPattern, CourseRules.Slugify("Any Title: With (Punctuation) & 2 numbers"));

    [Fact]
    public void Only_teachers_and_admins_manage_courses()
    {
        Assert.Throws<PermissionDenied>(() => CourseRules.EnsureTeacher(new Caller(1, Role.Student)));
        CourseRules.EnsureTeacher(new Caller(2, Role.Teacher));
        CourseRules.EnsureTeacher(new Caller(3, Role.Admin));
    }
}
