using Lms.Features.Common.Security;
using Lms.Features.Identity.Profile;
using Lms.Features.Identity.Registration;
using Lms.Features.Identity.SignIn;

namespace Lms.Tests.Unit.Identity;

public class IssueTokenValidatorTests
{
    private readonly IssueToken003.Validator _validator = new();

    [Fact]
    public void A_username_and_password_are_valid() =>
        Assert.Empty(Validated.Errors(_validator, new IssueToken003.Command("alice", "whatever")));

    [Fact]
    public void Missing_username_and_password_are_both_required()
    {
        var errors = Validated.Errors(_validator, new IssueToken003.Command(null, " "));

        Assert.Equal(["This field is required."], errors["username"]);
        Assert.Equal(["This field is required."], errors["password"]);
    }

    [Fact]
    public void A_password_over_128_characters_is_refused() =>
        Assert.Equal(["Ensure this field has no more than 128 characters."],
            Validated.Errors(_validator, new IssueToken003.Command("alice", new string('x', 129)))["password"]);
}

public class Register003ValidatorTests
{
    private readonly Register003.Validator _validator = new();

    private static readonly Register003.Command Valid =
        new("alice", "alice@example.com", "Corr3ct-Horse", "Alice", "Liddell", null, null);

    [Fact]
    public void A_complete_registration_is_valid() => Assert.Empty(Validated.Errors(_validator, Valid));

    [Fact]
    public void Missing_username_email_and_password_are_required()
    {
        var errors = Validated.Errors(_validator, Valid with { Username = null, Email = null, Password = null });

        Assert.Equal(["This field is required."], errors["username"]);
        Assert.Equal(["This field is required."], errors["email"]);
        Assert.Equal(["This field is required."], errors["password"]);
    }

    [Theory]
    [InlineData("john doe")]
    [InlineData("john!")]
    [InlineData("a/b")]
    [InlineData("j+d@x-y_z")]
    public void A_username_with_other_characters_is_refused(string username) =>
        Assert.Equal(["Enter a valid username. This value may contain only letters, numbers, and ./+/-/_ characters."],
            Validated.Errors(_validator, Valid with { Username = username })["username"]);

    [Theory]
    [InlineData("john.doe")]
    [InlineData("j+d-x.y_z")]
    [InlineData("jöhn")]
    public void A_username_of_letters_digits_and_dot_plus_dash_underscore_is_valid(string username) =>
        Assert.Empty(Validated.Errors(_validator, Valid with { Username = username }));

    [Fact]
    public void A_username_over_150_characters_is_refused() =>
        Assert.Contains("Ensure this field has no more than 150 characters.",
            Validated.Errors(_validator, Valid with { Username = new string('u', 151) })["username"]);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    public void An_invalid_email_is_refused(string email) =>
        Assert.Equal(["Enter a valid email address."], Validated.Errors(_validator, Valid with { Email = email })["email"]);

    [Fact]
    public void A_short_password_gets_djangos_message() =>
        Assert.Equal(["This password is too short. It must contain at least 8 characters."],
            Validated.Errors(_validator, Valid with { Password = "Xk9#mQ" })["password"]);

    [Fact]
    public void A_common_numeric_password_gets_every_message_in_djangos_order() =>
        Assert.Equal(["This password is too common.", "This password is entirely numeric."],
            Validated.Errors(_validator, Valid with { Password = "12345678" })["password"]);

    [Fact]
    public void A_password_containing_the_username_is_too_similar() =>
        Assert.Equal(["The password is too similar to the username."],
            Validated.Errors(_validator, Valid with { Username = "margarethe", Password = "Margarethe-2024" })["password"]);

    [Fact]
    public void A_password_containing_the_email_local_part_is_too_similar() =>
        Assert.Equal(["The password is too similar to the username."],
            Validated.Errors(_validator, Valid with { Email = "wonderland@example.com", Password = "wonderland!9" })["password"]);

    [Theory]
    [InlineData("student")]
    [InlineData("teacher")]
    [InlineData("tutor")]
    [InlineData("instructor")]
    [InlineData("Instructor")]
    [InlineData("admin")]
    public void Every_role_word_of_the_documents_is_accepted(string role) =>
        Assert.Empty(Validated.Errors(_validator, Valid with { Role = role }));

    [Theory]
    [InlineData("superuser")]
    [InlineData("")]
    public void An_unknown_role_is_not_a_valid_choice(string role) =>
        Assert.Equal([$"\"{role}\" is not a valid choice."], Validated.Errors(_validator, Valid with { Role = role })["role"]);

    [Fact]
    public void Long_names_are_reported_under_their_snake_case_field_names()
    {
        var errors = Validated.Errors(_validator, Valid with { FirstName = new string('f', 151), LastName = new string('l', 151) });

        Assert.Equal(["Ensure this field has no more than 150 characters."], errors["first_name"]);
        Assert.Equal(["Ensure this field has no more than 150 characters."], errors["last_name"]);
    }

    [Fact]
    public void An_admin_caller_does_not_change_input_rules() =>
        Assert.Empty(Validated.Errors(_validator, Valid with { Role = "admin", Caller = new Caller(1, Role.Admin) }));
}

public class UpdateProfile003ValidatorTests
{
    private readonly UpdateProfile003.Validator _validator = new();

    [Fact]
    public void An_empty_update_is_valid() =>
        Assert.Empty(Validated.Errors(_validator, new UpdateProfile003.Command(1, null, null, null, null)));

    [Theory]
    [InlineData("+1 555 0100")]
    [InlineData("5550100")]
    [InlineData("555-0100")]
    [InlineData("")]
    public void A_phone_of_digits_spaces_and_a_leading_plus_is_valid(string phone) =>
        Assert.Empty(Validated.Errors(_validator, new UpdateProfile003.Command(1, null, null, null, phone)));

    [Theory]
    [InlineData("call me")]
    [InlineData("+20abc")]
    [InlineData("1+2")]
    public void Any_other_phone_is_refused(string phone) =>
        Assert.Equal(["Enter a valid phone number."], Validated.Errors(_validator, new UpdateProfile003.Command(1, null, null, null, phone))["phone"]);

    [Fact]
    public void Field_limits_are_reported_under_snake_case_names()
    {
        var errors = Validated.Errors(_validator,
            new UpdateProfile003.Command(1, new string('f', 151), new string('l', 151), new string('b', 2001), new string('1', 21)));

        Assert.Equal(["Ensure this field has no more than 150 characters."], errors["first_name"]);
        Assert.Equal(["Ensure this field has no more than 150 characters."], errors["last_name"]);
        Assert.Equal(["Ensure this field has no more than 2000 characters."], errors["bio"]);
        Assert.Equal(["Ensure this field has no more than 20 characters."], errors["phone"]);
    }
}
