using System.Text.Json;
using Lms.Features.Common.Errors;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;
using Lms.Features.Identity;
using Lms.Features.Identity.ListUsers;
using Lms.Features.Identity.Profile;
using Lms.Features.Identity.Registration;
using Microsoft.AspNetCore.Http;

namespace Lms.Tests.Unit.Identity;

public class UserTypes000Tests
{
    [Fact]
    public void Teachers_are_called_tutor_and_the_other_roles_keep_their_word()
    {
        Assert.Equal("tutor", Doc000.Word(Role.Teacher));
        Assert.Equal("student", Doc000.Word(Role.Student));
        Assert.Equal("admin", Doc000.Word(Role.Admin));
    }

    [Fact]
    public void Admins_see_everyone_tutors_students_and_tutors_students_only_tutors()
    {
        Assert.Equal([Role.Student, Role.Teacher, Role.Admin], AccountRules000.VisibleTo(Role.Admin));
        Assert.Equal([Role.Student, Role.Teacher], AccountRules000.VisibleTo(Role.Teacher));
        Assert.Equal([Role.Teacher], AccountRules000.VisibleTo(Role.Student));
    }
}

public class AccountRules000Tests
{
    [Theory]
    [InlineData(UsersSchema.UsernameIndex, "username", "A user with that username already exists.")]
    [InlineData("mt_doc_user_" + UsersSchema.EmailIndex, "email", "A user with that email already exists.")]
    [InlineData(UsersSchema.PhoneIndex, "phone", "A user with that phone already exists.")]
    public void A_users_unique_index_becomes_the_400_of_its_field(string constraint, string field, string message)
    {
        var error = AccountRules000.UniqueViolation(constraint);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal([message], error.Fields[field]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ux_courses_slug")]
    public void Any_other_constraint_is_left_to_the_409(string? constraint) => Assert.Null(AccountRules000.UniqueViolation(constraint));
}

public class UpdateProfile000ParsingTests
{
    private static readonly IFormFileCollection NoFiles = new FormFileCollection();

    private static UpdateProfile000.Body Parse(string json) =>
        JsonSerializer.Deserialize<UpdateProfile000.Body>(json, Lms.Features.Common.Json.LmsJson.Options)!;

    [Fact]
    public void Absent_fields_change_nothing()
    {
        var c = UpdateProfile000.ToCommand(7, Parse("{}"), NoFiles);

        Assert.Equal(new UpdateProfile000.Command(7, null, null, null, null, null, null, false, null, false), c);
    }

    [Fact]
    public void Null_clears_text_the_date_and_the_avatar()
    {
        var c = UpdateProfile000.ToCommand(7, Parse("""{"bio": null, "address": null, "date_of_birth": null, "avatar": null}"""), NoFiles);

        Assert.Equal("", c.Bio);
        Assert.Equal("", c.Address);
        Assert.True(c.ClearDateOfBirth);
        Assert.True(c.ClearAvatar);
    }

    [Fact]
    public void Values_are_taken_as_sent()
    {
        var c = UpdateProfile000.ToCommand(7, Parse("""{"bio": "b", "date_of_birth": "2001-04-09", "first_name": "Jo"}"""), NoFiles);

        Assert.Equal("b", c.Bio);
        Assert.Equal(new DateOnly(2001, 4, 9), c.DateOfBirth);
        Assert.Equal("Jo", c.FirstName);
        Assert.False(c.ClearDateOfBirth);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationFailed>(() =>
            UpdateProfile000.ToCommand(7, Parse("""{"bio": 1, "date_of_birth": "9/4/2001", "avatar": "x.png"}"""), NoFiles));

        Assert.Equal(["Not a valid string."], error.Fields["bio"]);
        Assert.Equal([UpdateProfile000.BadDate], error.Fields["date_of_birth"]);
        Assert.Equal(["The submitted data was not a file. Check the encoding type on the form."], error.Fields["avatar"]);
    }

    [Fact]
    public void A_file_under_another_name_is_an_unknown_field()
    {
        var files = new FormFileCollection { new FormFile(Stream.Null, 0, 0, "photo", "p.png") };

        var error = Assert.Throws<ValidationFailed>(() => UpdateProfile000.ToCommand(7, Parse("{}"), files));

        Assert.Equal(["Unknown field."], error.Fields["photo"]);
    }

    [Theory]
    [InlineData("2001-04-09", true)]
    [InlineData(" 2001-04-09 ", true)]
    [InlineData("2001-02-29", false)]
    [InlineData("2000-02-29", true)]
    [InlineData("2001-4-9", false)]
    [InlineData("20010409", false)]
    [InlineData("2001-04-09T00:00:00Z", false)]
    public void Dates_are_YYYY_MM_DD_only(string value, bool valid) => Assert.Equal(valid, UpdateProfile000.ParseDate(value) is not null);
}

public class Register000ValidatorTests
{
    private static Register000.Command Registration(string? password = "Corr3ct-Horse", string? confirm = "Corr3ct-Horse",
        string? userType = null) =>
        new("alice", "alice@example.com", password, confirm, "Alice", "Liddell", userType, "+1 555 010 0100", null);

    [Fact]
    public void A_complete_registration_is_valid() => Assert.Empty(Validated.Errors(new Register000.Validator(), Registration()));

    [Fact]
    public void A_different_confirmation_is_reported_on_password_confirm_only()
    {
        var errors = Validated.Errors(new Register000.Validator(), Registration(confirm: "Corr3ct-Horsf"));

        Assert.Equal(["Password fields didn't match."], errors["password_confirm"]);
        Assert.False(errors.ContainsKey("password"));
    }

    [Theory]
    [InlineData("student")]
    [InlineData("tutor")]
    [InlineData("admin")]
    [InlineData("")]
    public void The_three_user_types_are_valid(string userType) =>
        Assert.Empty(Validated.Errors(new Register000.Validator(), Registration(userType: userType)));

    [Fact]
    public void Another_user_type_is_not_a_valid_choice() =>
        Assert.Equal(["\"wizard\" is not a valid choice."],
            Validated.Errors(new Register000.Validator(), Registration(userType: "wizard"))["user_type"]);

    [Fact]
    public void The_list_refuses_an_unknown_user_type()
    {
        var query = new ListUsers000.Query(new Caller(1, Role.Admin), new PageQuery(1, 50), "wizard");

        Assert.Equal(["\"wizard\" is not a valid choice."], Validated.Errors(new ListUsers000.Validator(), query)["user_type"]);
    }
}
