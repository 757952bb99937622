using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.TeacherStudents;

/// <summary>Input PostgreSQL or the parsers would choke on: always a 4xx in 004's format, never a 500 or a partial write.</summary>
public sealed class HostileInput004Tests(LmsApiFactory factory) : TeacherStudentsTest(factory)
{
    [Theory]
    [InlineData("/api/teacher/update-profile/", "first_name")]
    [InlineData("/api/teacher/update-profile/", "bio")]
    [InlineData("/api/teacher/update-profile/", "specialization")]
    public async Task A_nul_character_in_a_teacher_field_returns_400(string path, string field)
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync(path, RawJson($$"""{"{{field}}": "a\u0000b"}"""));

        await FieldErrors(response, field, "Null characters are not allowed.");
    }

    [Theory]
    [InlineData("first_name")]
    [InlineData("grade_level")]
    [InlineData("school_name")]
    public async Task A_nul_character_in_a_student_field_returns_400(string field)
    {
        var (student, _, _) = await NewUser();

        var response = await student.PatchAsync("/api/student/update-profile/", RawJson($$"""{"{{field}}": "\u0000"}"""));

        await FieldErrors(response, field, "Null characters are not allowed.");
    }

    [Fact]
    public async Task A_nul_character_in_a_multipart_field_returns_400()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", Uploads.Form(new { last_name = "x\0y" }));

        await FieldErrors(response, "last_name", "Null characters are not allowed.");
    }

    [Fact]
    public async Task Two_files_for_one_image_field_return_400()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/",
            Uploads.Form(null, ("avatar", "a.png", Uploads.Png), ("avatar", "b.png", Uploads.Png)));

        await FieldErrors(response, "avatar", "Upload only one file.");
        Assert.Null((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["avatar"]);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_name_returns_a_4xx_and_changes_nothing()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", RawJson("""{"first_name": "\ud800"}"""));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} {await Json(response)}");
        Assert.Equal("Test", Str((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["first_name"]));
    }

    [Fact]
    public async Task Deeply_nested_or_duplicate_json_returns_400()
    {
        var (teacher, _, _) = await NewTeacher();

        var nested = await teacher.PatchAsync("/api/teacher/update-profile/",
            RawJson("{\"bio\": " + new string('[', 100) + new string(']', 100) + "}"));
        var duplicate = await teacher.PatchAsync("/api/teacher/update-profile/", RawJson("""{"bio": "a", "bio": "b"}"""));
        var nullBody = await teacher.PatchAsync("/api/teacher/update-profile/", RawJson("null"));

        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nullBody.StatusCode);
        Assert.Null((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["bio"]);
    }

    [Fact]
    public async Task A_truncated_multipart_body_returns_400()
    {
        var (teacher, _, _) = await NewTeacher();
        var content = new StringContent("--XYZ\r\nContent-Disposition: form-data; name=\"bio\"\r\n\r\nhello");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).AsObject().ContainsKey("error"));
    }
}
