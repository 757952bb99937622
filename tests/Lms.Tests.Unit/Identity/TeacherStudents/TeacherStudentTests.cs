using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Tests.Unit.Identity.TeacherStudents;

public class TeacherStudentTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static User Teacher()
    {
        var u = User.Create("mr_smith", "smith@example.com", "John", "Smith", Role.Teacher, T0);
        u.Id = 7;
        return u;
    }

    private static User Student()
    {
        var u = User.Create("ada_l", "Ada@Example.com", "Ada", "Lovelace", Role.Student, T0);
        u.Id = 9;
        return u;
    }

    [Fact]
    public void Link_copies_the_students_searchable_fields_and_starts_active()
    {
        var link = TeacherStudent.Link(Teacher(), Student(), T0);

        Assert.Equal((7L, 9L, "Ada Lovelace", "ada_l", "ada@example.com", T0, false),
            (link.TeacherId, link.StudentId, link.StudentFullName, link.StudentUsernameNormalized, link.StudentEmailNormalized,
                link.JoinedAt, link.IsBlocked));
        Assert.NotEqual(Guid.Empty, link.Id);
    }

    [Fact]
    public void Toggle_block_flips_and_returns_the_new_state()
    {
        var link = TeacherStudent.Link(Teacher(), Student(), T0);

        Assert.True(link.ToggleBlock());
        Assert.True(link.IsBlocked);
        Assert.False(link.ToggleBlock());
        Assert.False(link.IsBlocked);
    }

    [Fact]
    public void Block_and_unblock_are_idempotent()
    {
        var link = TeacherStudent.Link(Teacher(), Student(), T0);

        link.Block();
        link.Block();
        Assert.True(link.IsBlocked);
        link.Unblock();
        link.Unblock();
        Assert.False(link.IsBlocked);
    }

    [Fact]
    public void Refresh_copies_a_new_name_and_email()
    {
        var student = Student();
        var link = TeacherStudent.Link(Teacher(), student, T0);
        student.SetFullName("Augusta Ada King");
        student.Email = "countess@example.com";
        student.EmailNormalized = AccountRules.Key(student.Email);

        link.Refresh(student);

        Assert.Equal(("Augusta Ada King", "countess@example.com"), (link.StudentFullName, link.StudentEmailNormalized));
    }
}
