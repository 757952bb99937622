using Lms.Features.Identity;

namespace Lms.Tests.Unit.Identity;

public class PasswordRulesTests
{
    [Fact]
    public void A_long_uncommon_mixed_password_passes() => Assert.Empty(PasswordRules.Check("Xk9#mQ2$vL", "alice", "alice@example.com"));

    [Fact]
    public void Seven_characters_are_too_short_and_eight_are_enough()
    {
        Assert.Equal(["This password is too short. It must contain at least 8 characters."], PasswordRules.Check("Xk9#mQ2"));
        Assert.Empty(PasswordRules.Check("Xk9#mQ2$"));
    }

    [Fact]
    public void More_than_128_characters_are_too_long()
    {
        Assert.Equal(["This password is too long. It must contain at most 128 characters."], PasswordRules.Check(new string('q', 129) + "9"));
        Assert.Empty(PasswordRules.Check("Xk9#" + new string('q', 124)));
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("p@ssw0rd")]
    public void A_common_password_is_refused_in_any_case(string password) =>
        Assert.Equal(["This password is too common."], PasswordRules.Check(password));

    [Fact]
    public void An_entirely_numeric_password_is_refused() =>
        Assert.Equal(["This password is entirely numeric."], PasswordRules.Check("90817263"));

    [Fact]
    public void The_username_inside_the_password_is_too_similar() =>
        Assert.Equal(["The password is too similar to the username."], PasswordRules.Check("xxBobbyTables99", username: "bobbytables"));

    [Fact]
    public void A_password_inside_the_username_is_too_similar() =>
        Assert.Equal(["The password is too similar to the username."], PasswordRules.Check("horsebat", username: "correcthorsebatterystaple"));

    [Fact]
    public void The_email_local_part_counts_as_the_username() =>
        Assert.Equal(["The password is too similar to the username."], PasswordRules.Check("dinah-the-cat", email: "dinah@example.com"));

    [Fact]
    public void Attributes_shorter_than_three_characters_are_ignored() =>
        Assert.Empty(PasswordRules.Check("Xk9#mQ2$ab", username: "ab", email: "ab@example.com"));

    [Fact]
    public void A_short_common_numeric_password_similar_to_the_username_gets_every_message_in_order() =>
        Assert.Equal(
            [
                "This password is too short. It must contain at least 8 characters.",
                "This password is entirely numeric.",
                "The password is too similar to the username.",
            ],
            PasswordRules.Check("1234", username: "user1234"));
}
