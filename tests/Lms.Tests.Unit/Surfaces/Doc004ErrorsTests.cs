using Lms.Features.Common.Surfaces;
using Lms.Features.Identity.TeacherStudents;

namespace Lms.Tests.Unit.Surfaces;

public class Doc004ErrorsTests
{
    private static Dictionary<string, object?> Body(Lms.Features.Common.Errors.AppException e) =>
        ErrorBody.Build(ApiDocument.Doc004, e.Code, e.Message, e.Fields, e.Title);

    [Fact]
    public void Wrong_user_type_is_the_documented_403()
    {
        var e = Doc004.Errors.WrongUserType();

        Assert.Equal(403, e.Status);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["error"] = "Wrong user type", ["detail"] = "This action is only available for teachers/students.",
        }, Body(e));
    }

    [Fact]
    public void Already_joined_is_a_400_without_field_errors()
    {
        var e = Doc004.Errors.AlreadyJoined();

        Assert.Equal(400, e.Status);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["error"] = "Already joined", ["detail"] = "You have already joined this teacher.",
        }, Body(e));
    }

    [Fact]
    public void The_join_command_turns_only_the_pair_index_into_already_joined()
    {
        var command = new JoinTeacher004.Command(1, "teacher");

        Assert.Equal("Already joined", command.UniqueViolation(Lms.Features.Identity.TeacherStudentsSchema.PairIndex)?.Title);
        Assert.Null(command.UniqueViolation("ux_users_email"));
        Assert.Null(command.UniqueViolation(null));
    }

    [Theory]
    [InlineData(404, "Teacher not found")]
    [InlineData(404, "Student not found")]
    [InlineData(403, "Account blocked")]
    [InlineData(404, "Not joined")]
    [InlineData(404, "Not found")]
    public void Each_error_has_its_status_and_title(int status, string title)
    {
        var all = new Lms.Features.Common.Errors.AppException[]
        {
            Doc004.Errors.TeacherNotFound(), Doc004.Errors.StudentNotFound(), Doc004.Errors.AccountBlocked(), Doc004.Errors.NotJoinedProfile(),
            Doc004.Errors.InvalidPage(),
        };

        var e = Assert.Single(all, x => x.Title == title);
        Assert.Equal(status, e.Status);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
