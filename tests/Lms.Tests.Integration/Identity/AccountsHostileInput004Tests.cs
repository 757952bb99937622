using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity;

/// <summary>Garbage at every 004 account route: always a 4xx in 004's format, never a 500 or a partial write.</summary>
public sealed class AccountsHostileInput004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    public static TheoryData<string> Routes =>
    [
        "/api/teacher/teacher-register/",
        "/api/student/student-register/teach1/",
        "/api/teacher/login/",
        "/api/student/login/teach1/",
        "/api/token/refresh/",
        "/api/student/refresh/teach1/",
        "/api/password-reset/request/",
        "/api/password-reset/verify/",
        "/api/password-reset/confirm/",
        "/api/change-password/",
    ];

    private static readonly string[] Bodies =
    [
        "{not json",
        "[]",
        "null",
        "\"a string\"",
        """{"username": 12345, "email": true, "refresh": [], "otp": {}}""",
        """{"unexpected_field": "x"}""",
        """{"username": "a", "username": "b"}""",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Malformed_and_mistyped_bodies_get_a_400_in_the_004_format(string route)
    {
        await RegisterTeacher("teach1");
        var client = await Signed();
        foreach (var body in Bodies)
        {
            var response = await client.PostAsync(route, RawJson(body));

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} {body}: {(int)response.StatusCode} {text}");
            Assert.NotNull((await Json(response))["error"]);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Huge_strings_get_a_400_naming_the_fields(string route)
    {
        await RegisterTeacher("teach1");
        var client = await Signed();
        var huge = new string('x', 100_000);
        var response = await client.PostAsJsonAsync(route, HugeBody(route, huge));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        Assert.DoesNotContain(huge, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_plain_body_gets_415_in_the_004_format()
    {
        var response = await Anonymous().PostAsync("/api/teacher/login/", new StringContent("username=a", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotNull((await Json(response))["error"]);
    }

    [Theory]
    [InlineData("/api/student/login/%27%20OR%201%3D1--/")]
    [InlineData("/api/student/refresh/..%2F..%2Fetc/")]
    [InlineData("/api/student/refresh/%E2%80%AEx/")]
    public async Task Odd_teacher_usernames_in_the_path_are_just_unknown_teachers(string route)
    {
        await RegisterTeacher("teach1");
        var refresh = Str((await Tokens(await TeacherLogin(Anonymous(), "teach1")))["refresh"]);
        object body = route.Contains("login", StringComparison.Ordinal) ? new { username = "teach1", password = Password } : new { refresh };

        var response = await Anonymous().PostAsJsonAsync(route, body);

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("Teacher not found", Str((await Json(response))["error"]));
    }

    [Theory]
    [InlineData("/api/teacher/login/", """{"username":"te\u0000ach1","password":"x"}""", "username")]
    [InlineData("/api/teacher/teacher-register/", """{"first_name":"A\u0000","last_name":"B","username":"nuller","email":"n@example.com","phone":"0101","password1":"Sturdy-Pass-2026","password2":"Sturdy-Pass-2026"}""", "first_name")]
    [InlineData("/api/password-reset/request/", """{"email":"a\u0000@example.com"}""", "email")]
    [InlineData("/api/password-reset/verify/", """{"email":"a@example.com","otp":"12\u00003456"}""", "otp")]
    public async Task Null_characters_are_refused_before_they_reach_the_database(string route, string json, string field)
    {
        var response = await Anonymous().PostAsync(route, RawJson(json));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(["Null characters are not allowed."], Messages(await Json(response), field));
    }

    [Fact]
    public async Task A_very_long_teacher_username_in_the_path_is_an_unknown_teacher()
    {
        var response = await Anonymous().PostAsJsonAsync($"/api/student/student-register/{new string('t', 3000)}/", StudentBody("student1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Teacher with this username does not exist."], Messages(await Json(response), "teacher"));
    }

    [Fact]
    public async Task A_form_post_with_an_unknown_file_is_refused_at_login()
    {
        var response = await Anonymous().PostAsync("/api/teacher/login/",
            Uploads.Form(new { username = "teach1", password = Password }, ("payload", "x.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(response), "payload"));
    }

    private async Task<HttpClient> Signed()
    {
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));
        return As(Str(tokens["access"]));
    }

    private static object HugeBody(string route, string huge) => route switch
    {
        _ when route.Contains("register", StringComparison.Ordinal) => new
        {
            first_name = huge, last_name = huge, username = huge, email = huge, phone = huge, parent_phone = huge, password1 = huge, password2 = huge,
        },
        _ when route.Contains("login", StringComparison.Ordinal) => new { username = huge, password = huge },
        _ when route.Contains("refresh", StringComparison.Ordinal) => new { refresh = huge },
        _ when route.Contains("request", StringComparison.Ordinal) => new { email = huge },
        _ when route.Contains("verify", StringComparison.Ordinal) => new { email = huge, otp = huge },
        _ when route.Contains("confirm", StringComparison.Ordinal) => new { email = huge, otp = huge, new_password1 = huge, new_password2 = huge },
        _ => new { old_password = huge, new_password1 = huge, new_password2 = huge },
    };
}
