using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.PasswordReset;

public sealed class ChangePassword004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    private const string NewPassword = "Brand-New-Pass-7";

    [Fact]
    public async Task A_password_change_returns_200_and_only_the_new_password_signs_in()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsJsonAsync("/api/change-password/",
            new { old_password = Password, new_password1 = NewPassword, new_password2 = NewPassword });

        await Contract.Match(response, "changed");
        Assert.Equal(HttpStatusCode.NotFound, (await TeacherLogin(Anonymous(), "teach1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TeacherLogin(Anonymous(), "teach1", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_password_change_signs_out_the_other_sessions_and_keeps_the_current_one()
    {
        await RegisterTeacher("teach1");
        var current = await Tokens(await TeacherLogin(Anonymous(), "teach1"));
        var other = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        await As(Str(current["access"])).PostAsJsonAsync("/api/change-password/",
            new { old_password = Password, new_password1 = NewPassword, new_password2 = NewPassword });

        var otherRefresh = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = Str(other["refresh"]) });
        var currentRefresh = await Anonymous().PostAsJsonAsync("/api/token/refresh/", new { refresh = Str(current["refresh"]) });
        Assert.Equal(HttpStatusCode.BadRequest, otherRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, currentRefresh.StatusCode);
    }

    [Fact]
    public async Task A_wrong_old_password_returns_the_documented_400_and_changes_nothing()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsJsonAsync("/api/change-password/",
            new { old_password = "Not-The-Pass-9", new_password1 = NewPassword, new_password2 = NewPassword });

        await Contract.Match(response, "wrong-old-password");
        Assert.Equal(HttpStatusCode.OK, (await TeacherLogin(Anonymous(), "teach1")).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_returns_each_django_message()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsJsonAsync("/api/change-password/",
            new { old_password = Password, new_password1 = "1234567", new_password2 = "1234567" });

        await Contract.Match(response, "weak-password");
        Assert.Equal(["This password is too short. It must contain at least 8 characters.", "This password is entirely numeric."],
            Messages(await Json(response), "new_password1"));
    }

    [Fact]
    public async Task Different_new_passwords_return_400_on_new_password2()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsJsonAsync("/api/change-password/",
            new { old_password = Password, new_password1 = NewPassword, new_password2 = "Another-Pass-8" });

        await Contract.Match(response, "mismatch");
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/change-password/",
            new { old_password = Password, new_password1 = NewPassword, new_password2 = NewPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await Json(response))["error"]);
    }

    [Fact]
    public async Task The_api_v1_alias_changes_the_password_too()
    {
        await RegisterTeacher("teach1");
        var tokens = await Tokens(await TeacherLogin(Anonymous(), "teach1"));

        var response = await As(Str(tokens["access"])).PostAsJsonAsync("/api/v1/change-password/",
            new { old_password = Password, new_password1 = NewPassword, new_password2 = NewPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
