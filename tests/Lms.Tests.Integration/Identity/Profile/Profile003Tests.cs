using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

/// <summary>
/// 003 <c>GET</c> and <c>PUT /api/users/profile/</c> (the GET is also 002's, so its errors carry both formats' keys and
/// its body 002's nested profile; 002's own cases are in <c>Profile/Profile002Tests</c>).
/// </summary>
public sealed class Profile003Tests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Get_profile_returns_the_callers_own_account()
    {
        var (student, id, username) = await NewUser();

        var response = await student.GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(id, body["id"]!.GetValue<long>());
        Assert.Equal(username, body["username"]!.GetValue<string>());
        Assert.Equal($"{username}@example.com", body["email"]!.GetValue<string>());
        Assert.Equal("student", body["role"]!.GetValue<string>());
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        await Contract.Match(response, "ok");
    }

    [Fact]
    public async Task Get_profile_without_a_token_returns_401_with_the_keys_of_003_and_002()
    {
        var response = await Anonymous().GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await Json(response)).AsObject();
        AssertUnionOf003And002(body);
        Assert.Equal("NOT_AUTHENTICATED", body["error_code"]!.GetValue<string>());
        Assert.Equal(body["message"]!.GetValue<string>(), body["detail"]!.GetValue<string>());
        await Contract.Match(response, "no-token");
    }

    [Fact]
    public async Task Get_profile_with_a_garbage_token_returns_401_with_the_keys_of_003_and_002()
    {
        var response = await As("not.a.jwt").GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await Json(response)).AsObject();
        AssertUnionOf003And002(body);
        Assert.Equal("TOKEN_NOT_VALID", body["error_code"]!.GetValue<string>());
        await Contract.Match(response, "garbage-token");
    }

    [Fact]
    public async Task Put_profile_updates_only_the_fields_sent_and_persists_them()
    {
        var (student, _, username) = await NewUser();

        var response = await student.PutAsJsonAsync("/api/users/profile/", new { first_name = "Jane", bio = "Student of web development" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("Jane", body["first_name"]!.GetValue<string>());
        Assert.Equal("Student of web development", body["bio"]!.GetValue<string>());
        Assert.Equal("student", body["last_name"]!.GetValue<string>()); // not sent, kept
        await Contract.Match(response, "updated");

        var reread = await Json(await student.GetAsync("/api/users/profile/"));
        Assert.Equal("Jane", reread["first_name"]!.GetValue<string>());
        Assert.Equal("Student of web development", reread["bio"]!.GetValue<string>());
        Assert.Equal("student", reread["last_name"]!.GetValue<string>());
        Assert.Equal(username, reread["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_a_too_long_bio_returns_400_and_changes_nothing()
    {
        var (student, _, _) = await NewUser();

        var response = await student.PutAsJsonAsync("/api/users/profile/", new { first_name = "Changed", bio = new string('x', 2001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await Json(response)).AsObject();
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["bio"]);
        Assert.False(body.ContainsKey("detail")); // PUT is 003's alone: only 003's envelope
        await Contract.Match(response, "bio-too-long");
        Assert.Equal("Test", (await Json(await student.GetAsync("/api/users/profile/")))["first_name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("role", "admin")]
    [InlineData("username", "someone_else")]
    [InlineData("email", "other@example.com")]
    [InlineData("password", "New-Sturdy-Pass-1")]
    public async Task Put_profile_with_a_field_that_is_not_editable_returns_400_and_changes_nothing(string field, string value)
    {
        var (student, _, username) = await NewUser();
        var before = await Json(await student.GetAsync("/api/users/profile/"));

        var response = await student.PutAsync("/api/users/profile/", RawJson(new JsonObject { ["first_name"] = "Changed", [field] = value }.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("VALIDATION_ERROR", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]![field]);
        var after = await Json(await student.GetAsync("/api/users/profile/"));
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        // The old password still signs in.
        await Login(username, "Sturdy-Pass-2026");
    }

    [Fact]
    public async Task Put_profile_with_role_admin_does_not_make_the_caller_an_admin()
    {
        var (student, _, _) = await NewUser();

        var response = await student.PutAsJsonAsync("/api/users/profile/", new { role = "admin" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "unknown-field");
        Assert.Equal("student", (await Json(await student.GetAsync("/api/users/profile/")))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_a_phone_taken_by_someone_else_returns_409_and_changes_nothing()
    {
        var (first, _, _) = await NewUser();
        var (second, _, _) = await NewUser();
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync("/api/users/profile/", new { phone = "+201234567890" })).StatusCode);

        var response = await second.PutAsJsonAsync("/api/users/profile/", new { first_name = "Changed", phone = "+20 1234 567 890" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("CONFLICT", body["error_code"]!.GetValue<string>());
        Assert.NotNull(body["details"]!["phone"]);
        await Contract.Match(response, "phone-taken");
        var after = await Json(await second.GetAsync("/api/users/profile/"));
        Assert.Equal("Test", after["first_name"]!.GetValue<string>());
        Assert.Equal("", after["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_changing_the_phone_frees_the_old_number()
    {
        var (first, _, _) = await NewUser();
        var (second, _, _) = await NewUser();
        await first.PutAsJsonAsync("/api/users/profile/", new { phone = "+201234567890" });
        await first.PutAsJsonAsync("/api/users/profile/", new { phone = "+201234567899" });

        var response = await second.PutAsJsonAsync("/api/users/profile/", new { phone = "+201234567890" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_profile_of_a_teacher_carries_002s_teacher_profile()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var body = await Json(await teacher.GetAsync("/api/users/profile/"));

        Assert.Equal("teacher", body["profile"]!["type"]!.GetValue<string>());
        Assert.Equal("", body["profile"]!["specialization"]!.GetValue<string>());
        Assert.Null(body["profile"]!["grade"]);
    }

    [Fact]
    public async Task Put_profile_without_a_token_returns_401_in_the_003_envelope()
    {
        var response = await Anonymous().PutAsJsonAsync("/api/users/profile/", new { first_name = "Jane" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await Json(response)).AsObject();
        Assert.Equal("NOT_AUTHENTICATED", body["error_code"]!.GetValue<string>());
        Assert.False(body.ContainsKey("detail"));
    }

    private static void AssertUnionOf003And002(JsonObject body)
    {
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.True(body.ContainsKey("message"));
        Assert.True(body.ContainsKey("error_code"));
        Assert.True(body.ContainsKey("details"));
        Assert.True(body.ContainsKey("detail"));
    }
}
