using Lms.Features.Common.Security;

namespace Lms.Tests.Unit.Security;

public class RolesTests
{
    [Theory]
    [InlineData("student", Role.Student)]
    [InlineData("teacher", Role.Teacher)]
    [InlineData("tutor", Role.Teacher)]
    [InlineData("instructor", Role.Teacher)]
    [InlineData(" Instructor ", Role.Teacher)]
    [InlineData("ADMIN", Role.Admin)]
    public void Every_documents_role_word_parses(string word, Role expected)
    {
        Assert.True(Roles.TryParse(word, out var role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("superuser")]
    [InlineData("0")]
    public void Anything_else_does_not_parse(string? word) => Assert.False(Roles.TryParse(word, out _));

    [Theory]
    [InlineData(Role.Student, "student")]
    [InlineData(Role.Teacher, "teacher")]
    [InlineData(Role.Admin, "admin")]
    public void Each_role_has_one_word_that_parses_back(Role role, string word)
    {
        Assert.Equal(word, role.Word());
        Assert.True(Roles.TryParse(role.Word(), out var back));
        Assert.Equal(role, back);
    }
}
