using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>000 <c>POST /api/auth/register/</c>.</summary>
public sealed class Register000Tests(LmsApiFactory factory) : Accounts000Test(factory)
{
    [Fact]
    public async Task Register_returns_201_with_the_000_user_and_never_the_password()
    {
        var response = await PostRegister(Registration("john_doe", "John@Example.com", "student", "+1 555 010 0100"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        var body = await Json(response);
        Assert.True(body["id"]!.GetValue<long>() > 0);
        Assert.Equal("john_doe", body["username"]!.GetValue<string>());
        Assert.Equal("John@Example.com", body["email"]!.GetValue<string>());
        Assert.Equal("student", body["user_type"]!.GetValue<string>());
        Assert.Equal("+1 555 010 0100", body["phone"]!.GetValue<string>());
        Assert.False(body["is_verified"]!.GetValue<bool>());
        await Contract.Match(response, "created");
    }

    [Fact]
    public async Task Register_as_tutor_answers_tutor_and_the_account_is_a_teacher_everywhere()
    {
        var body = await Register(Registration("tutor_ann", userType: "tutor"));

        Assert.Equal("tutor", body["user_type"]!.GetValue<string>());
        var token = await SignIn000("tutor_ann");
        Assert.Equal("tutor", (await Json(await As(token).GetAsync("/api/auth/profile/")))["user_type"]!.GetValue<string>());
        // The same account through 003, which says "teacher".
        Assert.Equal("teacher", (await Json(await As(token).GetAsync("/api/users/profile/")))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_without_user_type_phone_or_names_creates_a_student()
    {
        var body = await Register(new JsonObject
        {
            ["username"] = "minimal", ["email"] = "minimal@example.com", ["password"] = Password, ["password_confirm"] = Password,
        });

        Assert.Equal("student", body["user_type"]!.GetValue<string>());
        Assert.Equal("", body["phone"]!.GetValue<string>());
        Assert.Equal("", body["first_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_emails_a_verification_link_to_the_public_base_url()
    {
        await Register(Registration("mailme", "mailme@example.com"));

        var message = await Factory.Mailbox.WaitForAsync("mailme@example.com");
        Assert.Equal("Verify your e-mail address", message.Subject);
        Assert.Contains("http://localhost:8000/verify-email?token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(TokenIn(message), message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_user_can_sign_in_before_verifying_through_000_and_003()
    {
        await Register(Registration("unverified"));

        var token = await SignIn000("unverified");
        Assert.False((await Json(await As(token).GetAsync("/api/auth/profile/")))["is_verified"]!.GetValue<bool>());
        await Login("unverified", Password); // one user store, one token issuer
    }

    [Fact]
    public async Task Anonymous_register_as_admin_returns_403_in_drf_format_and_creates_nothing()
    {
        var response = await PostRegister(Registration("sneaky", userType: "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = (await Json(response)).AsObject();
        Assert.Equal("Only an admin can create an admin account.", body["detail"]!.GetValue<string>());
        Assert.Single(body);
        await Contract.Match(response, "admin-refused");
        await AssertNoAccount("sneaky");
        // Neither the username nor the e-mail was taken by the refused call.
        await Register(Registration("sneaky", userType: "student"));
    }

    [Theory]
    [InlineData("student")]
    [InlineData("tutor")]
    public async Task Non_admin_register_as_admin_returns_403(string userType)
    {
        var (caller, _) = await User000("caller_" + userType, userType);

        var response = await PostRegister(Registration("sneaky2", userType: "admin"), caller);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNoAccount("sneaky2");
    }

    [Fact]
    public async Task Admin_can_register_an_admin_who_signs_in_as_admin()
    {
        var response = await PostRegister(Registration("second_admin", userType: "admin"), await AsAdmin());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("admin", (await Json(response))["user_type"]!.GetValue<string>());
        var login = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "second_admin", password = Password });
        Assert.Equal("admin", (await Json(login))["user"]!["user_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_with_a_password_confirm_that_differs_returns_400_naming_password_confirm()
    {
        var response = await PostRegister(Registration("mismatch", confirm: "Other-Sturdy-2026"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["Password fields didn't match."], Messages(body, "password_confirm"));
        await Contract.Match(response, "password-mismatch");
        await AssertNoAccount("mismatch");
    }

    [Theory]
    [InlineData("Sh0rt!", "This password is too short. It must contain at least 8 characters.")]
    [InlineData("80417359021", "This password is entirely numeric.")]
    [InlineData("password123", "This password is too common.")]
    [InlineData("alice_smith-2026", "The password is too similar to the username.")]
    public async Task Register_with_a_weak_password_returns_400_with_djangos_message(string password, string message)
    {
        var response = await PostRegister(Registration("alice_smith", "a.s@example.com", password: password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Messages(await Json(response), "password"));
        await AssertNoAccount("alice_smith", password);
    }

    [Fact]
    public async Task Register_with_an_empty_body_returns_400_naming_every_required_field()
    {
        var response = await Anonymous().PostAsync("/api/auth/register/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await Json(response)).AsObject();
        foreach (var field in new[] { "username", "email", "password", "password_confirm" })
            Assert.Equal(["This field is required."], Messages(body, field));
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Register_with_a_taken_username_email_and_phone_in_other_forms_returns_400_naming_all_three()
    {
        await Register(Registration("john_doe", "john@example.com", phone: "+1 (555) 010-0100"));

        var response = await PostRegister(Registration("JOHN_DOE", "JOHN@example.COM", phone: "15550100100"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["A user with that username already exists."], Messages(body, "username"));
        Assert.Equal(["A user with that email already exists."], Messages(body, "email"));
        Assert.Equal(["A user with that phone already exists."], Messages(body, "phone"));
        await Contract.Match(response, "taken");
    }

    [Fact]
    public async Task Register_with_an_unknown_user_type_returns_400_naming_user_type()
    {
        var response = await PostRegister(Registration("wizard1", userType: "wizard"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["\"wizard\" is not a valid choice."], Messages(await Json(response), "user_type"));
        await Contract.Match(response, "bad-user-type");
    }

    [Theory]
    [InlineData("+")]
    [InlineData("call me")]
    [InlineData("+1 555 0100 x12")]
    public async Task Register_with_an_invalid_phone_returns_400_naming_phone(string phone)
    {
        var response = await PostRegister(Registration("phoney", phone: phone));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Enter a valid phone number."], Messages(await Json(response), "phone"));
    }

    [Theory]
    [InlineData("john doe")]
    [InlineData("<script>")]
    public async Task Register_with_characters_django_refuses_in_a_username_returns_400(string username)
    {
        var response = await PostRegister(Registration(username, "valid@example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["username"]);
    }

    [Fact]
    public async Task Register_with_an_unknown_field_returns_400_naming_it()
    {
        var registration = Registration("extra");
        registration["is_staff"] = true;

        var response = await PostRegister(registration);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(response), "is_staff"));
        await Contract.Match(response, "unknown-field");
        await AssertNoAccount("extra");
    }

    [Fact]
    public async Task Register_with_a_number_for_username_returns_400_naming_username()
    {
        var registration = Registration("x");
        registration["username"] = 12345;

        var response = await PostRegister(registration);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Not a valid string."], Messages(await Json(response), "username"));
        await Contract.Match(response, "wrong-type");
    }

    [Theory]
    [InlineData("{\"username\": \"a\",")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Register_with_malformed_json_returns_400_with_a_detail(string json)
    {
        var response = await Anonymous().PostAsync("/api/auth/register/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["detail"]);
    }

    [Fact]
    public async Task Register_with_malformed_json_answers_drfs_detail_shape()
    {
        var response = await Anonymous().PostAsync("/api/auth/register/", RawJson("{\"username\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "malformed-json");
    }

    [Fact]
    public async Task Register_with_huge_strings_returns_400_naming_each_field()
    {
        var huge = new string('a', 100_000);
        var registration = Registration("huge");
        registration["username"] = huge;
        registration["email"] = huge + "@example.com";
        registration["first_name"] = huge;
        registration["phone"] = huge;

        var response = await PostRegister(registration);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["Ensure this field has no more than 150 characters."], Messages(body, "username"));
        Assert.Equal(["Ensure this field has no more than 254 characters."], Messages(body, "email"));
        Assert.Equal(["Ensure this field has no more than 150 characters."], Messages(body, "first_name"));
        Assert.Equal(["Ensure this field has no more than 20 characters."], Messages(body, "phone"));
    }

    private async Task AssertNoAccount(string username, string password = Password)
    {
        var login = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username, password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
