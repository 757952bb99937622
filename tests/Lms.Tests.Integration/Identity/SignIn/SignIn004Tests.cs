using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.SignIn;

public sealed class SignIn004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    [Fact]
    public async Task A_teacher_signs_in_with_200_tokens_in_the_body_and_httponly_cookies()
    {
        await RegisterTeacher("teach1");

        var response = await TeacherLogin(Anonymous(), "teach1");

        await Contract.Match(response, "teacher");
        var body = await Json(response);
        var access = Cookie(response, "access_token");
        var refresh = Cookie(response, "refresh_token");
        Assert.StartsWith($"access_token={Str(body["access"])};", access, StringComparison.Ordinal);
        Assert.StartsWith($"refresh_token={Str(body["refresh"])};", refresh, StringComparison.Ordinal);
        foreach (var cookie in new[] { access, refresh })
        {
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_access_cookie_alone_authenticates_the_next_call()
    {
        await RegisterTeacher("teach1");
        var browser = Anonymous(); // keeps cookies, sends no Authorization header
        await Tokens(await TeacherLogin(browser, "teach1"));

        var profile = await browser.GetAsync("/api/users/profile/");
        var changed = await browser.PostAsJsonAsync("/api/change-password/",
            new { old_password = Password, new_password1 = "Brand-New-Pass-7", new_password2 = "Brand-New-Pass-7" });

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("teach1", Str((await Json(profile))["username"]));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task A_teacher_may_sign_in_with_the_email_too()
    {
        await RegisterTeacher("teach1", "t.one@example.com");

        var body = await Tokens(await TeacherLogin(Anonymous(), "T.One@example.com"));

        Assert.Equal("teach1", Str(body["user"]!["username"]));
    }

    [Fact]
    public async Task The_apps_email_field_signs_a_teacher_in_as_the_educator_page_sends_it()
    {
        await RegisterTeacher("teach1", "t.one@example.com");

        var response = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { email = "T.One@example.com", password = Password });

        var body = await Tokens(response);
        Assert.Equal("teach1", Str(body["user"]!["username"]));
        Assert.StartsWith($"access_token={Str(body["access"])};", Cookie(response, "access_token"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("student1")]
    [InlineData("s.one@example.com")]
    public async Task The_apps_email_field_takes_a_username_or_an_email_at_the_student_login(string typed)
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1", "s.one@example.com");

        var response = await Anonymous().PostAsJsonAsync("/api/student/login/teach1/", new { email = typed, password = Password });

        Assert.Equal("student1", Str((await Tokens(response))["user"]!["username"]));
    }

    [Fact]
    public async Task With_both_username_and_email_the_documented_username_decides()
    {
        await RegisterTeacher("teach1", "t.one@example.com");
        await RegisterTeacher("teach2", "t.two@example.com");

        var response = await Anonymous().PostAsJsonAsync("/api/teacher/login/",
            new { username = "teach1", email = "t.two@example.com", password = Password });

        Assert.Equal("teach1", Str((await Tokens(response))["user"]!["username"]));
    }

    [Fact]
    public async Task A_wrong_password_through_the_email_field_is_the_same_404_and_other_fields_stay_unknown()
    {
        await RegisterTeacher("teach1", "t.one@example.com");

        var wrong = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { email = "t.one@example.com", password = "Not-The-Pass-1" });
        var documented = await TeacherLogin(Anonymous(), "teach1", "Not-The-Pass-1");
        var unknown = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { login = "teach1", password = Password });
        var blank = await Anonymous().PostAsJsonAsync("/api/teacher/login/", new { email = " ", password = Password });

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(await documented.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(unknown), "login"));
        Assert.Equal("Email and password are required.", Str((await Json(blank))["detail"]));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"username":"teach1"}""")]
    [InlineData("""{"username":"  ","password":"x"}""")]
    public async Task Missing_credentials_return_400_invalid_credentials(string json)
    {
        var response = await Anonymous().PostAsync("/api/teacher/login/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("Invalid credentials", Str(body["error"]));
        Assert.Equal("Email and password are required.", Str(body["detail"]));
    }

    [Fact]
    public async Task Missing_credentials_have_the_documented_shape()
    {
        var response = await Anonymous().PostAsync("/api/teacher/login/", RawJson("{}"));

        await Contract.Match(response, "missing-credentials");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_404()
    {
        await RegisterTeacher("teach1");

        var wrongPassword = await TeacherLogin(Anonymous(), "teach1", "Not-The-Pass-1");
        var unknown = await TeacherLogin(Anonymous(), "nobody1");

        await Contract.Match(wrongPassword, "user-not-found");
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(SetCookies(wrongPassword));
    }

    [Fact]
    public async Task A_student_at_the_teacher_login_gets_403_wrong_user_type()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");

        var response = await TeacherLogin(Anonymous(), "student1");

        await Contract.Match(response, "wrong-user-type");
        Assert.Empty(SetCookies(response));
    }

    [Fact]
    public async Task The_admin_is_not_a_teacher_at_the_teacher_login()
    {
        var response = await TeacherLogin(Anonymous(), LmsApiFactory.AdminUsername, LmsApiFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Wrong user type", Str((await Json(response))["error"]));
    }

    [Fact]
    public async Task A_student_signs_in_under_the_teacher_they_joined_with_200_and_cookies()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");

        var response = await StudentLogin(Anonymous(), "teach1", "student1");

        await Contract.Match(response, "student");
        Assert.Contains(SetCookies(response), c => c.StartsWith("access_token=", StringComparison.Ordinal));
        Assert.Contains(SetCookies(response), c => c.StartsWith("refresh_token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_blocked_student_gets_403_account_blocked_and_no_tokens()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");
        await Block("student1");

        var response = await StudentLogin(Anonymous(), "teach1", "student1");

        await Contract.Match(response, "blocked");
        Assert.Empty(SetCookies(response));
    }

    [Fact]
    public async Task A_student_of_another_teacher_gets_403_not_joined()
    {
        await RegisterTeacher("teach1");
        await RegisterTeacher("teach2");
        await RegisterStudent("teach1", "student1");

        var response = await StudentLogin(Anonymous(), "teach2", "student1");

        await Contract.Match(response, "not-joined");
    }

    [Fact]
    public async Task An_unknown_teacher_at_the_student_login_returns_404()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");

        var response = await StudentLogin(Anonymous(), "nobody", "student1");

        await Contract.Match(response, "unknown-teacher");
    }

    [Fact]
    public async Task A_teacher_at_the_student_login_gets_403_wrong_user_type()
    {
        await RegisterTeacher("teach1");

        var response = await StudentLogin(Anonymous(), "teach1", "teach1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Wrong user type", Str((await Json(response))["error"]));
    }

    [Fact]
    public async Task A_wrong_student_password_is_the_same_404_as_at_the_teacher_login()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");

        var response = await StudentLogin(Anonymous(), "teach1", "student1", "Wrong-Pass-123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No user found with the provided credentials.", Str((await Json(response))["detail"]));
    }

    [Fact]
    public async Task The_api_v1_aliases_sign_in_too()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");

        var teacher = await Anonymous().PostAsJsonAsync("/api/v1/teacher/login/", new { username = "teach1", password = Password });
        var student = await Anonymous().PostAsJsonAsync("/api/v1/student/login/teach1/", new { username = "student1", password = Password });

        Assert.Equal(HttpStatusCode.OK, teacher.StatusCode);
        Assert.Equal(HttpStatusCode.OK, student.StatusCode);
    }
}
