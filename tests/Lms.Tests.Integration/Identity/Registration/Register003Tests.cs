using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>003 <c>POST /api/users/register/</c>.</summary>
public sealed class Register003Tests(LmsApiFactory factory) : ApiTest(factory)
{
    private const string Password = "Sturdy-Pass-2026";

    private static object Registration(string username, string? email = null, string password = Password, string? role = "student") => new
    {
        username,
        email = email ?? $"{username}@example.com",
        password,
        first_name = "John",
        last_name = "Doe",
        role,
    };

    [Fact]
    public async Task Register_returns_201_with_the_profile_and_never_the_password()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("john_doe", "John@Example.com"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(response.Headers.Location); // no document has a route for one user by id
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        var body = await Json(response);
        Assert.True(body["id"]!.GetValue<long>() > 0);
        Assert.Equal("john_doe", body["username"]!.GetValue<string>());
        Assert.Equal("John@Example.com", body["email"]!.GetValue<string>());
        Assert.Equal("John", body["first_name"]!.GetValue<string>());
        Assert.Equal("Doe", body["last_name"]!.GetValue<string>());
        Assert.Equal("student", body["role"]!.GetValue<string>());
        await Contract.Match(response, "created");
    }

    [Fact]
    public async Task Registered_user_can_sign_in_and_read_their_profile()
    {
        var registered = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("newuser"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await Json(registered))["id"]!.GetValue<long>();

        var token = await Login("newuser", Password);
        var profile = await As(token).GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(id, (await Json(profile))["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Register_without_a_role_creates_a_student()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("norole", role: null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("student", (await Json(response))["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("tutor")]
    [InlineData("instructor")]
    [InlineData("Instructor")]
    public async Task Register_as_any_word_for_teacher_creates_a_teacher(string role)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("t_" + role, role: role));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("teacher", (await Json(response))["role"]!.GetValue<string>());
        var token = await Login("t_" + role, Password);
        Assert.Equal("teacher", (await Json(await As(token).GetAsync("/api/users/profile/")))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_with_a_taken_username_in_another_case_returns_409_in_the_003_envelope()
    {
        Assert.Equal(HttpStatusCode.Created,
            (await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("john_doe"))).StatusCode);

        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("JOHN_DOE", "other@example.com"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Json(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("CONFLICT", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["username"]);
        await Contract.Match(response, "duplicate-username");
    }

    [Fact]
    public async Task Register_with_a_taken_email_in_another_case_returns_409_in_the_003_envelope()
    {
        Assert.Equal(HttpStatusCode.Created,
            (await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("first", "same@example.com"))).StatusCode);

        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("second", "SAME@Example.COM"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("CONFLICT", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["email"]);
        await Contract.Match(response, "duplicate-email");
        // The loser's password does not work: there is still only the first account.
        var login = await Anonymous().PostAsJsonAsync("/api/token/", new { username = "second", password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("Sh0rt!", "This password is too short. It must contain at least 8 characters.")]
    [InlineData("80417359021", "This password is entirely numeric.")]
    [InlineData("password123", "This password is too common.")]
    [InlineData("alice_smith-2026", "The password is too similar to the username.")]
    public async Task Register_with_a_weak_password_returns_400_with_djangos_message(string password, string message)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("alice_smith", "a.s@example.com", password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        var messages = body["details"]!["password"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(message, messages);
        await AssertNoAccount("alice_smith", password);
    }

    [Fact]
    public async Task Register_with_a_password_breaking_several_rules_lists_every_message_under_details_password()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("bob", password: "1234"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await Json(response))["details"]!["password"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Equal(2, messages.Count);
        await Contract.Match(response, "weak-password");
    }

    [Fact]
    public async Task Register_with_an_invalid_email_returns_400_naming_email()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("mailless", "not-an-email"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["Enter a valid email address."], body["details"]!["email"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Null(body["details"]!["username"]);
        await Contract.Match(response, "invalid-email");
    }

    [Theory]
    [InlineData("john doe")]
    [InlineData("john!")]
    [InlineData("<script>")]
    public async Task Register_with_characters_django_refuses_in_a_username_returns_400_naming_username(string username)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration(username, "valid@example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["username"]);
    }

    [Fact]
    public async Task Register_with_an_unknown_role_returns_400_naming_role()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("wizard1", role: "wizard"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["\"wizard\" is not a valid choice."], body["details"]!["role"]!.AsArray().Select(m => m!.GetValue<string>()));
        await Contract.Match(response, "unknown-role");
    }

    [Fact]
    public async Task Register_with_missing_fields_returns_400_naming_each()
    {
        var response = await Anonymous().PostAsync("/api/users/register/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = (await Json(response))["details"]!.AsObject();
        Assert.True(details.ContainsKey("username"));
        Assert.True(details.ContainsKey("email"));
        Assert.True(details.ContainsKey("password"));
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Anonymous_register_as_admin_returns_403_and_creates_no_account()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("sneaky", role: "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("PERMISSION_DENIED", body["error_code"]!.GetValue<string>());
        await Contract.Match(response, "admin-refused");
        await AssertNoAccount("sneaky", Password);
        // Neither the username nor the e-mail was taken by the refused call.
        var retry = await Anonymous().PostAsJsonAsync("/api/users/register/", Registration("sneaky", role: "student"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task Student_register_as_admin_returns_403()
    {
        var (student, _, _) = await NewUser();

        var response = await student.PostAsJsonAsync("/api/users/register/", Registration("sneaky2", role: "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNoAccount("sneaky2", Password);
    }

    [Fact]
    public async Task Admin_can_register_another_admin_who_can_sign_in_as_admin()
    {
        var admin = await AsAdmin();

        var response = await admin.PostAsJsonAsync("/api/users/register/", Registration("second_admin", role: "admin"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("admin", (await Json(response))["role"]!.GetValue<string>());
        var profile = await As(await Login("second_admin", Password)).GetAsync("/api/users/profile/");
        Assert.Equal("admin", (await Json(profile))["role"]!.GetValue<string>());
    }

    private async Task AssertNoAccount(string username, string password)
    {
        var login = await Anonymous().PostAsJsonAsync("/api/token/", new { username, password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
