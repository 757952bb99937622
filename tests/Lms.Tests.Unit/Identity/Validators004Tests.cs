using System.Text.Json;
using Lms.Features.Common.Errors;
using Lms.Features.Common.Json;
using Lms.Features.Common.Surfaces;
using Lms.Features.Identity;
using Lms.Features.Identity.PasswordReset;
using Lms.Features.Identity.Registration;
using Microsoft.AspNetCore.Http;

namespace Lms.Tests.Unit.Identity;

public class RegisterTeacher004ValidatorTests
{
    private readonly RegisterTeacher004.Validator _validator = new();

    private static RegisterTeacher004.Command Valid(string username = "tessa", string phone = "01012345678", string password1 = "Sturdy-Pass-2026",
        string? password2 = null, IFormFile? avatar = null, string? avatarText = null) =>
        new("Tess", "Teacher", username, "tess@example.com", phone, password1, password2 ?? password1, avatar, null, avatarText, null);

    private static FormFile File(byte[] bytes, string name = "avatar") => new(new MemoryStream(bytes), 0, bytes.Length, name, "a.png");

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public void A_complete_registration_with_a_real_png_is_valid() =>
        Assert.Empty(Validated.Errors(_validator, Valid(avatar: File(Png))));

    [Theory]
    [InlineData("abcd")]
    [InlineData("  abcd  ")]
    public void A_username_under_5_characters_is_refused(string username) =>
        Assert.Equal(["Username must be at least 5 characters long."], Validated.Errors(_validator, Valid(username: username))["username"]);

    [Theory]
    [InlineData("someone@example.com")]
    [InlineData("with space")]
    [InlineData("semi;colon")]
    public void A_username_with_other_characters_is_refused(string username) =>
        Assert.Equal([Lms.Features.Identity.AccountRules.UsernameInvalid], Validated.Errors(_validator, Valid(username: username))["username"]);

    [Theory]
    [InlineData("call me")]
    [InlineData("010x123")]
    [InlineData("٠١٢٣٤٥٦٧")] // Arabic-Indic digits are digits to .NET, not to the phone's unique key
    public void A_phone_that_is_no_phone_is_not_a_number(string phone) =>
        Assert.Equal(["Phone must be a number."], Validated.Errors(_validator, Valid(phone: phone))["phone"]);

    [Fact]
    public void Different_passwords_do_not_match() =>
        Assert.Equal(["Passwords don't match."], Validated.Errors(_validator, Valid(password2: "Sturdy-Pass-2027"))["password2"]);

    [Fact]
    public void A_password_like_the_username_is_refused() =>
        Assert.Contains("The password is too similar to the username.", Validated.Errors(_validator, Valid(password1: "tessa-2026-x"))["password1"]);

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_with_the_9_1_message() =>
        Assert.Equal(["Upload a valid image. The file you uploaded was either not an image or a corrupted image."],
            Validated.Errors(_validator, Valid(avatar: File("GIF8 but not really"u8.ToArray())))["avatar"]);

    [Fact]
    public void An_image_sent_as_text_is_not_a_file() =>
        Assert.Equal(["The submitted data was not a file. Check the encoding type on the form."], Validated.Errors(_validator, Valid(avatarText: "http://example.com/a.png"))["avatar"]);
}

public class RegisterStudent004ValidatorTests
{
    private readonly RegisterStudent004.Validator _validator = new();

    private static RegisterStudent004.Command Valid(string? parentPhone) =>
        new("teach1", "Sam", "Student", "sam@example.com", "sammy", "0101", parentPhone, "Sturdy-Pass-2026", "Sturdy-Pass-2026", null, null);

    [Fact]
    public void A_parent_phone_is_required() =>
        Assert.Equal(["This field is required."], Validated.Errors(_validator, Valid(" "))["parent_phone"]);

    [Fact]
    public void A_parent_phone_must_be_digits() =>
        Assert.Equal(["Parent phone must be a number."], Validated.Errors(_validator, Valid("call me"))["parent_phone"]);

    [Fact]
    public void A_complete_student_registration_is_valid() => Assert.Empty(Validated.Errors(_validator, Valid("01099998888")));
}

public class PasswordFormValidatorTests
{
    [Fact]
    public void Change_password_needs_matching_new_passwords() =>
        Assert.Equal(["The two password fields didn't match."],
            Validated.Errors(new ChangePassword004.Validator(), new ChangePassword004.Command(1, null, "old", "Sturdy-Pass-2026", "Sturdy-Pass-2027"))["new_password2"]);

    [Fact]
    public void Reset_confirm_applies_the_django_password_rules_before_the_code_is_checked()
    {
        var errors = Validated.Errors(new ConfirmPasswordReset004.Validator(), new ConfirmPasswordReset004.Command("a@example.com", "123456", "12345678", "12345678"));

        Assert.Equal(["This password is too common.", "This password is entirely numeric."], errors["new_password1"]);
    }

    [Fact]
    public void Every_reset_field_is_required()
    {
        var errors = Validated.Errors(new ConfirmPasswordReset004.Validator(), new ConfirmPasswordReset004.Command(null, "", null, null));

        Assert.Equal(["email", "otp", "new_password1", "new_password2"], errors.Keys);
    }
}

public class AccountRules004Tests
{
    [Theory]
    [InlineData(UsersSchema.UsernameIndex, "username", "A user with that username already exists.")]
    [InlineData(UsersSchema.EmailIndex, "email", "Email already exists.")]
    [InlineData(UsersSchema.PhoneIndex, "phone", "Phone already exists.")]
    public void A_lost_race_on_a_users_index_is_the_same_400_as_the_pre_check(string index, string field, string message)
    {
        var error = AccountRules004.UniqueViolation(index);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal([message], error.Fields[field]);
        Assert.Equal(error.Fields, AccountRules004.Taken(new HashSet<string> { field })!.Fields);
    }

    [Fact]
    public void Another_index_falls_back_to_the_default_conflict() => Assert.Null(AccountRules004.UniqueViolation("ux_something_else"));

    [Fact]
    public void Nothing_taken_and_a_known_teacher_is_no_error() => Assert.Null(AccountRules004.Taken(new HashSet<string>()));

    [Fact]
    public void A_missing_teacher_is_reported_with_the_taken_fields() =>
        Assert.Equal(["email", "teacher"], AccountRules004.Taken(new HashSet<string> { "email" }, teacherMissing: true)!.Fields.Keys);

    [Theory]
    [InlineData(null, false)]
    [InlineData("  ", false)]
    [InlineData("te\0acher", false)]
    [InlineData("teacher", true)]
    public void Only_plain_route_values_reach_a_query(string? value, bool queryable) =>
        Assert.Equal(queryable, Bodies004.IsQueryable(value, 150));

    [Fact]
    public void An_overlong_route_value_does_not_reach_a_query() => Assert.False(Bodies004.IsQueryable(new string('t', 151), 150));
}

public class ErrorBody004Tests
{
    private static string Body(AppException e) =>
        JsonSerializer.Serialize(ErrorBody.Build(ApiDocument.Doc004, e.Code, e.Message, e.Fields, e.Title), LmsJson.Options);

    public static TheoryData<string, int, string> Documented => new()
    {
        { nameof(Doc004.Errors.MissingCredentials), 400, """{"error":"Invalid credentials","detail":"Email and password are required."}""" },
        { nameof(Doc004.Errors.UserNotFound), 404, """{"error":"User not found","detail":"No user found with the provided credentials."}""" },
        { nameof(Doc004.Errors.AccountBlocked), 403, """{"error":"Account blocked","detail":"Your account has been blocked by the teacher."}""" },
        { nameof(Doc004.Errors.WrongUserType), 403, """{"error":"Wrong user type","detail":"This action is only available for teachers/students."}""" },
        { nameof(Doc004.Errors.InvalidRefresh), 400, """{"error":"Invalid refresh token","detail":"The provided refresh token is invalid."}""" },
        { nameof(Doc004.Errors.OtpExpired), 400, """{"error":"OTP expired","detail":"The OTP code has expired. Please request a new one."}""" },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void The_documented_errors_have_the_documents_status_and_body(string name, int status, string json)
    {
        var error = (AppException)typeof(Doc004.Errors).GetMethod(name)!.Invoke(null, null)!;

        Assert.Equal(status, error.Status);
        Assert.Equal(json, Body(error));
    }

    [Fact]
    public void An_invalid_otp_names_both_fields_as_the_document_shows() =>
        Assert.Equal(
            """{"otp":["Invalid OTP code."],"email":["Email and OTP combination is invalid."],"field_errors":{"otp":["Invalid OTP code."],"email":["Email and OTP combination is invalid."]},"error":"Invalid input.","detail":"Invalid input."}""",
            Body(Doc004.Errors.OtpInvalid()));
}
