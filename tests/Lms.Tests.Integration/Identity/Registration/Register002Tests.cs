using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>002 <c>POST /api/users/auth/register/</c>: students only, DRF field errors.</summary>
public sealed class Register002Tests(LmsApiFactory factory) : Accounts002Test(factory)
{
    private const string Path = "/api/users/auth/register/";
    private static readonly string[] RequiredFields = ["email", "full_name", "password", "password2"];

    [Fact]
    public async Task Register_returns_201_with_exactly_the_documented_body()
    {
        var response = await Anonymous().PostAsJsonAsync(Path,
            Registration("student@example.com", phone: "+201234567890"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["email", "id", "is_active", "profile", "role"], Keys(body));
        Assert.Equal(["full_name", "grade", "guardian_phone", "phone"], Keys(body["profile"]));
        Assert.Equal("student@example.com", body["email"]!.GetValue<string>());
        Assert.Equal("student", body["role"]!.GetValue<string>());
        Assert.True(body["is_active"]!.GetValue<bool>());
        Assert.Equal("John Doe", body["profile"]!["full_name"]!.GetValue<string>());
        Assert.Equal("+201234567890", body["profile"]!["phone"]!.GetValue<string>());
        Assert.Equal("+201234567891", body["profile"]!["guardian_phone"]!.GetValue<string>());
        Assert.Equal("Grade 10", body["profile"]!["grade"]!.GetValue<string>());
        await Contract.Match(response, "created");
    }

    [Fact]
    public async Task Register_then_the_new_student_signs_in_and_reads_the_same_profile()
    {
        var created = await Register002(Registration("student@example.com", phone: "+201234567890"));

        var (access, _) = await Login002("student@example.com");
        var profile = await Json(await As(access).GetAsync("/api/users/profile/"));

        Assert.Equal(created["id"]!.GetValue<long>(), profile["id"]!.GetValue<long>());
        Assert.Equal("John", profile["first_name"]!.GetValue<string>());
        Assert.Equal("Doe", profile["last_name"]!.GetValue<string>());
        Assert.Equal("+201234567891", profile["profile"]!["guardian_phone"]!.GetValue<string>());
        Assert.Equal("Grade 10", profile["profile"]!["grade"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_makes_a_username_from_the_email_and_a_different_one_for_the_same_local_part()
    {
        await Register002(Registration("john.doe@example.com"));
        await Register002(Registration("John.Doe@other.example"));

        var first = await Json(await As((await Login002("john.doe@example.com")).Access).GetAsync("/api/users/profile/"));
        var second = await Json(await As((await Login002("John.Doe@other.example")).Access).GetAsync("/api/users/profile/"));

        Assert.Equal("john.doe", first["username"]!.GetValue<string>());
        Assert.NotEqual(first["username"]!.GetValue<string>().ToUpperInvariant(), second["username"]!.GetValue<string>().ToUpperInvariant());
    }

    [Fact]
    public async Task Register_with_a_taken_email_and_different_passwords_returns_both_documented_messages()
    {
        await Register002(Registration("student@example.com"));

        var response = await Anonymous().PostAsJsonAsync(Path,
            Registration("STUDENT@example.com", password: "SecurePass123!", password2: "SecurePass124!"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "email", "password");
        Assert.Equal(["A user with this email already exists."], Messages(body, "email"));
        Assert.Equal(["Password fields didn't match."], Messages(body, "password"));
        await Contract.Match(response, "taken-email-and-mismatch");
    }

    [Fact]
    public async Task Register_with_a_phone_taken_in_another_format_returns_400_naming_phone()
    {
        await Register002(Registration("first@example.com", phone: "+201234567890"));

        var response = await Anonymous().PostAsJsonAsync(Path, Registration("second@example.com", phone: "+20 123 456 7890"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "phone");
        Assert.Equal(["A user with this phone number already exists."], Messages(body, "phone"));
        await Contract.Match(response, "taken-phone");
        await AssertNoAccount("second@example.com");
    }

    [Fact]
    public async Task Register_lets_two_siblings_share_a_guardian_phone()
    {
        await Register002(Registration("first@example.com", guardianPhone: "+201111111111"));
        await Register002(Registration("second@example.com", guardianPhone: "+201111111111"));
    }

    [Fact]
    public async Task Register_with_missing_fields_returns_400_naming_each()
    {
        var response = await Anonymous().PostAsync(Path, RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, RequiredFields);
        Assert.All(RequiredFields, f => Assert.Equal(["This field is required."], Messages(body, f)));
        await Contract.Match(response, "missing-fields");
    }

    [Fact]
    public async Task Register_with_a_weak_password_lists_every_django_message_under_password()
    {
        var response = await Anonymous().PostAsJsonAsync(Path, Registration("student@example.com", password: "1234567"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "password");
        Assert.Contains("This password is too short. It must contain at least 8 characters.", Messages(body, "password"));
        Assert.Contains("This password is entirely numeric.", Messages(body, "password"));
        await Contract.Match(response, "weak-password");
        await AssertNoAccount("student@example.com");
    }

    [Fact]
    public async Task Register_with_a_password_like_the_email_is_refused()
    {
        var response = await Anonymous().PostAsJsonAsync(Path, Registration("marathoner@example.com", password: "Marathoner!"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["The password is too similar to the username."], Messages(await Json(response), "password"));
    }

    [Fact]
    public async Task Register_with_invalid_email_and_phones_returns_400_naming_them()
    {
        var response = await Anonymous().PostAsJsonAsync(Path,
            Registration("not-an-email", phone: "call me", guardianPhone: "12ab"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "email", "guardian_phone", "phone");
        Assert.Equal(["Enter a valid email address."], Messages(body, "email"));
        Assert.Equal(["Enter a valid phone number."], Messages(body, "phone"));
        Assert.Equal(["Enter a valid phone number."], Messages(body, "guardian_phone"));
        await Contract.Match(response, "invalid-fields");
    }

    [Fact]
    public async Task Register_cannot_choose_a_role_and_creates_nothing()
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Registration("student@example.com")))!.AsObject();
        body["role"] = "admin";

        var response = await Anonymous().PostAsync(Path, RawJson(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await Json(response);
        AssertDrfOnly(error, "role");
        Assert.Equal(["Unknown field."], Messages(error, "role"));
        await Contract.Match(response, "unknown-field");
        await AssertNoAccount("student@example.com");
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { "malformed json", "{\"email\": \"a@example.com\", " },
        { "not an object", "[1, 2, 3]" },
        { "email a number", "{\"email\": 42, \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"A B\"}" },
        { "full_name an object", "{\"email\": \"a@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": {\"x\": 1}}" },
        { "nul in full_name", "{\"email\": \"a@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"A\\u0000B\"}" },
        { "nul in grade", "{\"email\": \"a@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"A B\", \"grade\": \"\\u0000\"}" },
        { "huge full_name", $"{{\"email\": \"a@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"{new string('x', 100_000)}\"}}" },
        { "huge email", $"{{\"email\": \"{new string('a', 300)}@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"A B\"}}" },
        { "huge password", $"{{\"email\": \"a@example.com\", \"password\": \"{new string('p', 5000)}\", \"password2\": \"x\", \"full_name\": \"A B\"}}" },
        { "huge grade", $"{{\"email\": \"a@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"A B\", \"grade\": \"{new string('g', 51)}\"}}" },
        { "duplicate key", "{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"password\": \"SecurePass123!\", \"password2\": \"SecurePass123!\", \"full_name\": \"A B\"}" },
        { "null body", "null" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Register_with_hostile_input_returns_400_and_creates_nothing(string what, string json)
    {
        var response = await Anonymous().PostAsync(Path, RawJson(json));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = (await Json(response)).AsObject();
        Assert.False(body.ContainsKey("success")); // DRF only, never 003's envelope
        Assert.DoesNotContain("Exception", body.ToJsonString(), StringComparison.Ordinal);
        await AssertNoAccount("a@example.com");
    }

    [Fact]
    public async Task Register_with_a_form_body_returns_415_with_a_drf_detail()
    {
        var response = await Anonymous().PostAsync(Path, new FormUrlEncodedContent([new("email", "a@example.com")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        // Routing refuses the content type before the endpoint is chosen, so the body's format is guessed from the
        // path prefix (/api/users: 003 and 002); DRF's "detail" is there either way.
        Assert.NotNull((await Json(response))["detail"]);
        await AssertNoAccount("a@example.com");
    }

    [Fact]
    public async Task A_student_registered_on_002_gets_a_token_from_003_with_the_email_as_username()
    {
        await Register002(Registration("student@example.com"));

        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username = "student@example.com", password = Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var access = (await Json(response))["access"]!.GetValue<string>();
        var profile = await Json(await As(access).GetAsync("/api/users/profile/"));
        Assert.Equal("student@example.com", profile["email"]!.GetValue<string>());
        Assert.Equal("student", profile["role"]!.GetValue<string>());
    }

    private async Task AssertNoAccount(string email)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var admin = await AsAdmin();
        var listed = await Json(await admin.GetAsync($"/api/users/profiles/all/?search={Uri.EscapeDataString(email)}"));
        Assert.Equal(0, listed["count"]!.GetValue<long>());
    }
}
