using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

/// <summary>002's own profile: <c>GET /api/users/profile/</c> and <c>/api/users/profiles/me/</c>, and <c>PATCH /api/users/profile/</c>.</summary>
public sealed class Profile002Tests(LmsApiFactory factory) : Accounts002Test(factory)
{
    [Fact]
    public async Task Get_profile_of_a_002_student_has_the_documented_fields_and_student_profile()
    {
        var (student, id, email) = await NewStudent002(phone: "+201234567890");

        var response = await student.GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(id, body["id"]!.GetValue<long>());
        Assert.Equal(email, body["email"]!.GetValue<string>());
        Assert.Equal("student", body["role"]!.GetValue<string>());
        Assert.Equal("John Doe", body["full_name"]!.GetValue<string>());
        Assert.Equal("+201234567890", body["phone"]!.GetValue<string>());
        var profile = body["profile"]!;
        Assert.Equal(["bio", "full_name", "grade", "guardian_phone", "phone", "type"], Keys(profile));
        Assert.Equal("student", profile["type"]!.GetValue<string>());
        Assert.Equal("John Doe", profile["full_name"]!.GetValue<string>());
        Assert.Equal("+201234567890", profile["phone"]!.GetValue<string>());
        Assert.Equal("+201234567891", profile["guardian_phone"]!.GetValue<string>());
        Assert.Equal("Grade 10", profile["grade"]!.GetValue<string>());
        await Contract.Match(response, "student");
    }

    [Fact]
    public async Task Get_profile_of_a_teacher_has_a_teacher_profile_with_specialization_and_no_grade()
    {
        var (teacher, _, _) = await NewUser("teacher");
        await teacher.PatchAsJsonAsync("/api/users/profile/", new { specialization = "Mathematics" });

        var response = await teacher.GetAsync("/api/users/profile/");

        var profile = (await Json(response))["profile"]!;
        Assert.Equal(["bio", "full_name", "phone", "specialization", "type"], Keys(profile));
        Assert.Equal("teacher", profile["type"]!.GetValue<string>());
        Assert.Equal("Mathematics", profile["specialization"]!.GetValue<string>());
        await Contract.Match(response, "teacher");
    }

    [Fact]
    public async Task Get_profiles_me_answers_the_same_as_get_profile()
    {
        var (student, _, _) = await NewStudent002();

        var me = await student.GetAsync("/api/users/profiles/me/");
        var profile = await student.GetAsync("/api/users/profile/");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(await profile.Content.ReadAsStringAsync(), await me.Content.ReadAsStringAsync());
        await Contract.Match(me, "me");
    }

    [Fact]
    public async Task Get_profiles_me_without_a_token_returns_the_documented_401_only()
    {
        var response = await Anonymous().GetAsync("/api/users/profiles/me/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        Assert.Equal("Authentication credentials were not provided.", body["detail"]!.GetValue<string>());
        await Contract.Match(response, "me-no-token");
    }

    [Fact]
    public async Task Patch_profile_updates_only_the_fields_sent_and_returns_the_documented_message()
    {
        var (student, _, email) = await NewStudent002(phone: "+201234567890");

        var response = await student.PatchAsJsonAsync("/api/users/profile/",
            new { full_name = "John Smith", phone = "+201234567899", grade = "Grade 11" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["message", "profile"], Keys(body));
        Assert.Equal("Profile updated successfully", body["message"]!.GetValue<string>());
        Assert.Equal("John Smith", body["profile"]!["full_name"]!.GetValue<string>());
        Assert.Equal("+201234567899", body["profile"]!["phone"]!.GetValue<string>());
        Assert.Equal("Grade 11", body["profile"]!["grade"]!.GetValue<string>());
        Assert.Equal("+201234567891", body["profile"]!["guardian_phone"]!.GetValue<string>()); // not sent, kept
        await Contract.Match(response, "updated");

        var reread = await Json(await student.GetAsync("/api/users/profile/"));
        Assert.Equal("John", reread["first_name"]!.GetValue<string>());
        Assert.Equal("Smith", reread["last_name"]!.GetValue<string>());
        Assert.Equal("+201234567899", reread["phone"]!.GetValue<string>());
        Assert.Equal("Grade 11", reread["profile"]!["grade"]!.GetValue<string>());
        Assert.Equal(email, reread["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_profile_frees_the_old_phone_for_others_and_takes_the_new_one()
    {
        var (student, _, _) = await NewStudent002(phone: "+201234567890");
        await student.PatchAsJsonAsync("/api/users/profile/", new { phone = "+201234567899" });

        // The old number is free again; the new one is taken.
        await Register002(Registration("other@example.com", phone: "+201234567890"));
        var taken = await Anonymous().PostAsJsonAsync("/api/users/auth/register/", Registration("third@example.com", phone: "+201234567899"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
    }

    [Fact]
    public async Task Patch_profile_with_a_phone_taken_by_someone_else_returns_400_and_changes_nothing()
    {
        await NewStudent002(phone: "+201234567890");
        var (student, _, _) = await NewStudent002(phone: "+201234567000");

        var response = await student.PatchAsJsonAsync("/api/users/profile/", new { full_name = "Changed Name", phone = "+20 1234 567 890" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "phone");
        Assert.Equal(["A user with this phone number already exists."], Messages(body, "phone"));
        await Contract.Match(response, "taken-phone");
        Assert.Equal("John Doe", (await Json(await student.GetAsync("/api/users/profile/")))["full_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_profile_with_the_callers_own_phone_in_another_format_succeeds()
    {
        var (student, _, _) = await NewStudent002(phone: "+201234567890");

        var response = await student.PatchAsJsonAsync("/api/users/profile/", new { phone = "+20 123 456 7890" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Patch_profile_with_another_roles_fields_returns_400_naming_them()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var (student, _, _) = await NewStudent002();

        var asTeacher = await teacher.PatchAsJsonAsync("/api/users/profile/", new { grade = "Grade 9", guardian_phone = "+201234567891" });
        var asStudent = await student.PatchAsJsonAsync("/api/users/profile/", new { specialization = "Physics" });

        Assert.Equal(HttpStatusCode.BadRequest, asTeacher.StatusCode);
        AssertDrfOnly(await Json(asTeacher), "grade", "guardian_phone");
        await Contract.Match(asTeacher, "teacher-sends-student-fields");
        Assert.Equal(HttpStatusCode.BadRequest, asStudent.StatusCode);
        AssertDrfOnly(await Json(asStudent), "specialization");
    }

    [Theory]
    [InlineData("{\"email\": \"new@example.com\"}", "email")]
    [InlineData("{\"role\": \"admin\"}", "role")]
    [InlineData("{\"password\": \"NewPass-12345\"}", "password")]
    [InlineData("{\"full_name\": \"   \"}", "full_name")]
    [InlineData("{\"full_name\": 42}", "full_name")]
    [InlineData("{\"full_name\": \"A\\u0000B\"}", "full_name")]
    [InlineData("{\"grade\": \"Grade\\n10\"}", "grade")]
    [InlineData("{\"phone\": \"+20abc\"}", "phone")]
    [InlineData("{\"bio\": \"x\\u0000\"}", "bio")]
    public async Task Patch_profile_with_bad_input_returns_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var (student, _, email) = await NewStudent002();
        var before = await (await student.GetAsync("/api/users/profile/")).Content.ReadAsStringAsync();

        var response = await student.PatchAsync("/api/users/profile/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.False(body.AsObject().ContainsKey("success"));
        Assert.NotNull(body[field]);
        Assert.Equal(before, await (await student.GetAsync("/api/users/profile/")).Content.ReadAsStringAsync());
        await Login002(email); // the password is unchanged
    }

    [Fact]
    public async Task Patch_profile_with_a_too_long_full_name_returns_the_drf_message()
    {
        var (student, _, _) = await NewStudent002();

        var response = await student.PatchAsJsonAsync("/api/users/profile/", new { full_name = new string('x', 151) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Ensure this field has no more than 150 characters."], Messages(await Json(response), "full_name"));
        await Contract.Match(response, "too-long");
    }

    [Fact]
    public async Task Patch_profile_without_a_token_returns_the_documented_401()
    {
        var response = await Anonymous().PatchAsJsonAsync("/api/users/profile/", new { full_name = "X Y" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertDrfOnly(await Json(response), "detail");
    }

    [Fact]
    public async Task Patch_and_003s_put_edit_the_same_account()
    {
        var (student, _, _) = await NewStudent002();

        await student.PutAsJsonAsync("/api/users/profile/", new { bio = "Loves algebra" });
        var patched = await Json(await student.PatchAsJsonAsync("/api/users/profile/", new { full_name = "Jane Roe" }));

        Assert.Equal("Loves algebra", patched["profile"]!["bio"]!.GetValue<string>());
        Assert.Equal("Jane Roe", patched["profile"]!["full_name"]!.GetValue<string>());
        var reread = await Json(await student.GetAsync("/api/users/profile/"));
        Assert.Equal("Jane", reread["first_name"]!.GetValue<string>());
        Assert.Equal("Loves algebra", reread["bio"]!.GetValue<string>());
    }
}
