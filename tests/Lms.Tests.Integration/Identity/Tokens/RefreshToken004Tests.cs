using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Tokens;

public sealed class RefreshToken004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    private async Task<string> TeacherRefresh()
    {
        await RegisterTeacher("teach1");
        return Str((await Tokens(await TeacherLogin(Anonymous(), "teach1")))["refresh"]);
    }

    [Fact]
    public async Task A_refresh_token_in_the_body_returns_200_with_a_new_rotated_pair_and_cookies()
    {
        var refresh = await TeacherRefresh();

        var response = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh });

        await Contract.Match(response, "rotated");
        var body = await Json(response);
        Assert.NotEqual(refresh, Str(body["refresh"]));
        Assert.StartsWith($"refresh_token={Str(body["refresh"])};", Cookie(response, "refresh_token"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await As(Str(body["access"])).GetAsync("/api/users/profile/")).StatusCode);
    }

    [Fact]
    public async Task The_refresh_cookie_is_used_when_the_body_has_none()
    {
        await RegisterTeacher("teach1");
        var browser = Anonymous();
        var login = await Tokens(await TeacherLogin(browser, "teach1"));

        var response = await browser.PostAsync("/api/token/refresh/", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(Str(login["refresh"]), Str((await Json(response))["refresh"]));
        // The cookie was rotated too, so the browser can go on refreshing.
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/token/refresh/", null)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task An_invalid_refresh_token_returns_the_documented_400(string refresh)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh });

        await Contract.Match(response, "invalid-refresh");
    }

    [Fact]
    public async Task An_access_token_is_not_a_refresh_token()
    {
        await RegisterTeacher("teach1");
        var access = Str((await Tokens(await TeacherLogin(Anonymous(), "teach1")))["access"]);

        var response = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = access });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid refresh token", Str((await Json(response))["error"]));
    }

    [Fact]
    public async Task No_refresh_token_at_all_returns_400_naming_the_field()
    {
        var response = await Anonymous().PostAsync("/api/token/refresh/", RawJson("{}"));

        await Contract.Match(response, "missing-refresh");
        var body = await Json(response);
        Assert.Equal(["This field is required."], Messages(body, "refresh"));
        Assert.Equal(["This field is required."], Messages(body["field_errors"]!, "refresh"));
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_fails_and_revokes_the_newer_one_too()
    {
        var first = await TeacherRefresh();
        var second = Str((await Json(await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = first })))["refresh"]);

        var reuse = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = first });
        var afterReuse = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = second });

        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterReuse.StatusCode);
        Assert.Equal("The provided refresh token is invalid.", Str((await Json(afterReuse))["detail"]));
    }

    [Fact]
    public async Task A_student_refreshes_under_their_teacher_at_both_prefixes()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");
        var refresh = Str((await Tokens(await StudentLogin(Anonymous(), "teach1", "student1")))["refresh"]);

        var response = await Anonymous().PostAsJsonAsync("/api/student/refresh/teach1/", new { refresh });

        await Contract.Match(response, "student-rotated");
        Assert.Contains(SetCookies(response), c => c.StartsWith("access_token=", StringComparison.Ordinal));
        var again = await Anonymous().PostAsJsonAsync("/api/v1/student/refresh/teach1/", new { refresh = Str((await Json(response))["refresh"]) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_student_blocked_after_signing_in_cannot_refresh_and_keeps_nothing_new()
    {
        await RegisterTeacher("teach1");
        await RegisterStudent("teach1", "student1");
        var refresh = Str((await Tokens(await StudentLogin(Anonymous(), "teach1", "student1")))["refresh"]);
        await Block("student1");

        var response = await Anonymous().PostAsJsonAsync("/api/student/refresh/teach1/", new { refresh });

        await Contract.Match(response, "student-blocked");
        Assert.Empty(SetCookies(response));
    }

    [Fact]
    public async Task A_student_cannot_refresh_under_a_teacher_they_have_not_joined()
    {
        await RegisterTeacher("teach1");
        await RegisterTeacher("teach2");
        await RegisterStudent("teach1", "student1");
        var refresh = Str((await Tokens(await StudentLogin(Anonymous(), "teach1", "student1")))["refresh"]);

        var response = await Anonymous().PostAsJsonAsync("/api/student/refresh/teach2/", new { refresh });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You have not joined this teacher.", Str((await Json(response))["detail"]));
        // The refusal did not use the token up.
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/student/refresh/teach1/", new { refresh })).StatusCode);
    }

    [Fact]
    public async Task A_teachers_token_at_the_student_refresh_gets_403_and_an_unknown_teacher_404()
    {
        var refresh = await TeacherRefresh();

        var wrongType = await Anonymous().PostAsJsonAsync("/api/student/refresh/teach1/", new { refresh });
        var unknown = await Anonymous().PostAsJsonAsync("/api/student/refresh/nobody/", new { refresh });

        Assert.Equal(HttpStatusCode.Forbidden, wrongType.StatusCode);
        Assert.Equal("Wrong user type", Str((await Json(wrongType))["error"]));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Teacher not found", Str((await Json(unknown))["error"]));
    }

    [Fact]
    public async Task The_api_v1_aliases_refresh_too()
    {
        var refresh = await TeacherRefresh();

        var response = await Anonymous().PostAsJsonAsync("/api/v1/token/refresh/", new { refresh });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
