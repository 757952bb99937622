using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.CrossDocument;

/// <summary>
/// One user store, one token issuer (spec decision 1): an account registered through one document signs in through
/// every other document's login with the same credentials, and one access token works on every document's routes.
/// Each document answers with its own field names and role words.
/// </summary>
public sealed class CrossDocumentSignInTests(LmsApiFactory factory) : ApiTest(factory)
{
    private const string Password = "Sturdy-Pass-2026";

    [Fact]
    public async Task A_student_registered_on_002_signs_in_on_000_001_003_and_004()
    {
        var teacher = await RegisterTeacherOn004("mrsmith");
        var register = await Anonymous().PostAsJsonAsync("/api/users/auth/register/", new
        {
            email = "mona@example.com", password = Password, password2 = Password, full_name = "Mona Ali",
            phone = "+201000000001", guardian_phone = "+201000000002", grade = "Grade 10",
        });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);

        // 000: login by username field (the e-mail is accepted there); 000 calls the role user_type.
        var via000 = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "mona@example.com", password = Password });
        var body000 = await Json(via000);
        Assert.Equal(HttpStatusCode.OK, via000.StatusCode);
        Assert.Equal("student", body000["user"]!["user_type"]!.GetValue<string>());

        // 001 (default client 1), 003 and 002 itself.
        var via001 = await Anonymous().PostAsJsonAsync("/accounts/clients/1/user/login/", new { email = "mona@example.com", password = Password });
        Assert.Equal(HttpStatusCode.OK, via001.StatusCode);
        var course = await Anonymous().PostAsJsonAsync("/api/token/", new { username = "mona@example.com", password = Password });
        Assert.Equal(HttpStatusCode.OK, course.StatusCode);
        var via002 = await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email = "mona@example.com", password = Password });
        Assert.Equal(HttpStatusCode.OK, via002.StatusCode);

        // 004: a student signs in under a teacher she has joined (403 before joining).
        var before = await Anonymous().PostAsJsonAsync($"/api/student/login/{teacher}/", new { username = "mona@example.com", password = Password });
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        var token = (await Json(via002))["access"]!.GetValue<string>();
        var join = await As(token).PostAsync($"/api/join-teacher/{teacher}/", null);
        Assert.Equal(HttpStatusCode.Created, join.StatusCode);
        var edu = await Anonymous().PostAsJsonAsync($"/api/student/login/{teacher}/", new { username = "mona@example.com", password = Password });
        Assert.Equal(HttpStatusCode.OK, edu.StatusCode);
        Assert.Equal("student", (await Json(edu))["user"]!["user_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_access_token_reads_the_profile_on_every_document_in_its_own_words()
    {
        var teacher = await RegisterTeacherOn004("mrsjones");
        var login = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { username = teacher, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var client = As((await Json(login))["access"]!.GetValue<string>());

        var via000 = await Json(await client.GetAsync("/api/auth/profile/"));
        var via002 = await Json(await client.GetAsync("/api/users/profiles/me/"));
        var course = await Json(await client.GetAsync("/api/users/profile/"));
        var via001 = await client.GetAsync("/accounts/clients/1/user-profile/");
        var edu = await Json(await client.GetAsync("/api/teacher/teacher-profile/"));

        Assert.Equal("tutor", via000["user_type"]!.GetValue<string>());
        Assert.Equal("teacher", via002["role"]!.GetValue<string>());
        Assert.Equal("teacher", course["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, via001.StatusCode);
        Assert.Equal(teacher, edu["username"]!.GetValue<string>());
        Assert.Equal(via000["email"]!.GetValue<string>(), via002["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_user_registered_on_000_signs_in_on_002_and_a_004_teacher_on_003()
    {
        var reg = await Anonymous().PostAsJsonAsync("/api/auth/register/", new
        {
            username = "samir01", email = "samir@example.com", password = Password, password_confirm = Password,
            first_name = "Samir", last_name = "Adel", user_type = "student", phone = "01000000009",
        });
        Assert.Equal(HttpStatusCode.Created, reg.StatusCode);
        var via002 = await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email = "samir@example.com", password = Password });
        Assert.Equal(HttpStatusCode.OK, via002.StatusCode);
        Assert.Equal("Samir Adel", (await Json(via002))["user"]!["full_name"]!.GetValue<string>());

        var teacher = await RegisterTeacherOn004("mrbrown");
        var course = await Anonymous().PostAsJsonAsync("/api/token/", new { username = teacher, password = Password });
        Assert.Equal(HttpStatusCode.OK, course.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_every_login_in_its_own_format()
    {
        await RegisterTeacherOn004("mrwhite");
        var bad = "Wrong-Pass-2026";
        var via000 = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username = "mrwhite", password = bad });
        var via001 = await Anonymous().PostAsJsonAsync("/accounts/clients/1/user/login/", new { email = "mrwhite@example.com", password = bad });
        var via002 = await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email = "mrwhite@example.com", password = bad });
        var course = await Anonymous().PostAsJsonAsync("/api/token/", new { username = "mrwhite", password = bad });
        var edu = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { username = "mrwhite", password = bad });

        Assert.Equal(HttpStatusCode.Unauthorized, via000.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, via001.StatusCode);
        Assert.Equal("Invalid email or password.", (await Json(via002))["detail"]!.GetValue<string>());
        Assert.False((await Json(course))["success"]!.GetValue<bool>());
        Assert.NotNull((await Json(edu))["error"]);
    }

    [Fact]
    public async Task A_client_1_token_is_refused_on_another_clients_routes()
    {
        var teacher = await RegisterTeacherOn004("mrgreen");
        var login = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { username = teacher, password = Password });
        var client = As((await Json(login))["access"]!.GetValue<string>());

        var other = await client.GetAsync("/accounts/clients/2/user-profile/");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_students_refresh_under_a_teacher_is_the_last_activity_the_teacher_sees()
    {
        var teacher = await RegisterTeacherOn004("mrblack");
        var (student, _, username) = await NewUser("student");
        Assert.Equal(HttpStatusCode.Created, (await student.PostAsync($"/api/join-teacher/{teacher}/", null)).StatusCode);
        var login = await Anonymous().PostAsJsonAsync($"/api/student/login/{teacher}/", new { username, password = "Sturdy-Pass-2026" });
        var refresh = (await Json(login))["refresh"]!.GetValue<string>();
        Factory.Clock.Advance(TimeSpan.FromHours(3)); // the app's clock only: the refresh below is "three hours later"
        var activeAt = Factory.Clock.GetUtcNow();

        var refreshed = await Anonymous().PostAsJsonAsync($"/api/student/refresh/{teacher}/", new { refresh });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Factory.Clock.Reset();
        var teacherLogin = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { username = teacher, password = Password });
        var list = await Json(await As((await Json(teacherLogin))["access"]!.GetValue<string>()).GetAsync("/api/teacher/get_students/"));

        var lastActivity = list["results"]![0]!["last_activity"]!.GetValue<DateTimeOffset>();
        // Not the last login (three hours earlier): the refresh under this teacher is the latest activity.
        Assert.InRange(lastActivity, activeAt.AddSeconds(-1), activeAt.AddMinutes(1));
    }

    private async Task<string> RegisterTeacherOn004(string username)
    {
        var phone = "0100" + Math.Abs(username.GetHashCode(StringComparison.Ordinal) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var response = await Anonymous().PostAsJsonAsync("/api/teacher/teacher-register/", new
        {
            first_name = "Tess", last_name = "Teacher", username, email = $"{username}@example.com", phone,
            password1 = Password, password2 = Password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"teacher registration failed: {await response.Content.ReadAsStringAsync()}");
        return username;
    }
}
