using Lms.Features.Common.Security;
using Lms.Features.Enrollments.EnrollInCourse;

namespace Lms.Tests.Unit.Enrollments;

public class EnrollInCourseValidatorTests
{
    private readonly EnrollInCourse003.Validator _validator = new();
    private static readonly Caller Student = new(20, Role.Student);

    [Fact]
    public void A_positive_course_id_is_valid() => Assert.Empty(Validated.Errors(_validator, new EnrollInCourse003.Command(Student, 1)));

    [Fact]
    public void A_missing_course_id_is_required_and_reported_once() =>
        Assert.Equal(["This field is required."], Validated.Errors(_validator, new EnrollInCourse003.Command(Student, null))["course_id"]);

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void A_course_id_below_one_is_not_a_valid_integer(long id) =>
        Assert.Equal(["A valid integer is required."], Validated.Errors(_validator, new EnrollInCourse003.Command(Student, id))["course_id"]);
}
