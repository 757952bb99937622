using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

/// <summary>004 1.15 (student profile under a teacher) and 1.16 (student update, JSON or multipart with an avatar).</summary>
public sealed class StudentProfile004Tests(LmsApiFactory factory) : TeacherStudentsTest(factory)
{
    [Fact]
    public async Task A_joined_student_gets_their_profile_under_the_teacher()
    {
        var (_, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher, "Grace", "Hopper");

        var response = await student.Client.GetAsync($"/api/student/student-profile/{teacher}/");

        var body = await Ok(response);
        Assert.Equal(
            ["id", "username", "email", "phone", "parent_phone", "first_name", "last_name", "avatar", "grade_level", "school_name", "student"],
            body.AsObject().Select(p => p.Key));
        Assert.Equal(student.Username, Str(body["username"]));
        Assert.Equal("Grace", Str(body["first_name"]));
        Assert.Null(body["grade_level"]);
        // The original backend's student{…}, which 004's app reads (its header shows student.full_name).
        var nested = body["student"]!;
        Assert.Equal("Grace Hopper", Str(nested["full_name"]));
        Assert.Null(nested["profile_picture"]);
        Assert.Equal(Str(body["id"]), Str(nested["user"]!["id"]));
        Assert.Equal(Str(body["phone"]), Str(nested["user"]!["phone"]));
        Assert.Equal(Str(body["parent_phone"]), Str(nested["user"]!["parent_phone"]));
        Assert.Equal("student", Str(nested["user"]!["user_type"]));
        await SnapDocumented(response, "ok", "student");
        await Snap(response, "ok-with-app-fields");
    }

    [Fact]
    public async Task A_student_who_has_not_joined_the_teacher_gets_404_as_in_the_original_backend()
    {
        var (_, _, teacher) = await NewTeacher();
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync($"/api/student/student-profile/{teacher}/");

        await Error004(response, HttpStatusCode.NotFound, "Not joined", "You have not joined this teacher.");
        await Snap(response, "not-joined");
    }

    [Fact]
    public async Task A_blocked_student_gets_403_account_blocked()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);
        await Ok(await teacherClient.PostAsync($"/api/teacher/students/toggle-block/{student.Key}/", null));

        var response = await student.Client.GetAsync($"/api/student/student-profile/{teacher}/");

        await Error004(response, HttpStatusCode.Forbidden, "Account blocked", "Your account has been blocked by the teacher.");
        await Snap(response, "blocked");
    }

    [Fact]
    public async Task An_unknown_teacher_returns_404()
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync("/api/student/student-profile/no-such-teacher/");

        await Error004(response, HttpStatusCode.NotFound, "Teacher not found", "Teacher with this username does not exist.");
        await Snap(response, "unknown-teacher");
    }

    [Fact]
    public async Task A_teacher_on_the_student_routes_gets_403_and_anonymous_401()
    {
        var (teacherClient, _, teacher) = await NewTeacher();

        var profile = await teacherClient.GetAsync($"/api/student/student-profile/{teacher}/");
        var update = await teacherClient.PatchAsJsonAsync("/api/student/update-profile/", new { grade_level = "10" });
        var anonymous = await Anonymous().GetAsync($"/api/student/student-profile/{teacher}/");

        await Error004(profile, HttpStatusCode.Forbidden, "Wrong user type");
        await Error004(update, HttpStatusCode.Forbidden, "Wrong user type");
        await Error004(anonymous, HttpStatusCode.Unauthorized, "Authentication required", "You must be authenticated to perform this action.");
    }

    [Fact]
    public async Task Put_updates_the_fields_sent_and_the_profile_shows_them()
    {
        var (_, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);

        var response = await student.Client.PutAsJsonAsync("/api/student/update-profile/",
            new { grade_level = "Grade 10", school_name = "Springfield High" });

        Assert.Equal("Profile updated successfully", Str((await Ok(response))["message"]));
        await Snap(response, "updated");
        var profile = await Ok(await student.Client.GetAsync($"/api/student/student-profile/{teacher}/"));
        Assert.Equal("Grade 10", Str(profile["grade_level"]));
        Assert.Equal("Springfield High", Str(profile["school_name"]));
        Assert.Equal("Test", Str(profile["first_name"]));
    }

    [Fact]
    public async Task A_multipart_avatar_is_stored_and_its_url_serves_the_bytes()
    {
        var (_, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);

        await Ok(await student.Client.PatchAsync("/api/student/update-profile/",
            Uploads.Form(new { school_name = "Elm School" }, ("avatar", "me.png", Uploads.Png))));

        var profile = await Ok(await student.Client.GetAsync($"/api/v1/student/student-profile/{teacher}/"));
        var url = Str(profile["avatar"]);
        Assert.StartsWith("http://localhost/media/avatars/", url, StringComparison.Ordinal);
        var file = await Anonymous().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(Uploads.Png, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("Elm School", Str(profile["school_name"]));
    }

    [Fact]
    public async Task Invalid_and_oversized_avatars_return_400()
    {
        var (student, _, _) = await NewUser();

        var invalid = await student.PatchAsync("/api/student/update-profile/", Uploads.Form(null, ("avatar", "x.png", Uploads.NotAnImage)));
        var large = await student.PatchAsync("/api/v1/student/update-profile/", Uploads.Form(null, ("avatar", "x.png", Uploads.Oversized())));
        var logo = await student.PatchAsync("/api/student/update-profile/", Uploads.Form(null, ("logo", "x.png", Uploads.Png)));

        await FieldErrors(invalid, "avatar", "Upload a valid image. The file you uploaded was either not an image or a corrupted image.");
        await FieldErrors(large, "avatar", "Image file too large ( > 5MB )");
        await FieldErrors(logo, "logo", "Unknown field.");
        await Snap(invalid, "invalid-avatar");
    }

    [Fact]
    public async Task Invalid_fields_return_400_and_change_nothing()
    {
        var (_, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);

        var response = await student.Client.PutAsJsonAsync("/api/student/update-profile/",
            new { first_name = "", grade_level = new string('g', 51), school_name = new string('s', 201), parent_phone = "1" });
        var wrongType = await student.Client.PutAsync("/api/student/update-profile/", RawJson("""{"grade_level": 10}"""));

        await FieldErrors(response, "parent_phone", "Unknown field.");
        var invalid = await student.Client.PutAsJsonAsync("/api/student/update-profile/",
            new { first_name = "", grade_level = new string('g', 51), school_name = new string('s', 201) });
        var body = await FieldErrors(invalid, "first_name", "This field may not be blank.");
        Assert.Equal("Ensure this field has no more than 50 characters.", Str(body["grade_level"]![0]));
        Assert.Equal("Ensure this field has no more than 200 characters.", Str(body["school_name"]![0]));
        await FieldErrors(wrongType, "grade_level", "Not a valid string.");
        await Snap(invalid, "invalid-fields");
        var profile = await Ok(await student.Client.GetAsync($"/api/student/student-profile/{teacher}/"));
        Assert.Equal("Test", Str(profile["first_name"]));
        Assert.Null(profile["grade_level"]);
    }

    [Fact]
    public async Task A_new_name_shows_in_the_teachers_list_and_search_finds_it()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher, "Old", "Name");

        await Named(student.Client, "Katherine", "Johnson");

        var found = await Students(teacherClient, "?search=katherine");
        var row = Assert.Single(found["results"]!.AsArray())!;
        Assert.Equal("Katherine Johnson", Str(row["student"]!["full_name"]));
        Assert.Equal("Katherine", Str(row["student"]!["user"]!["first_name"]));
        Assert.Empty((await Students(teacherClient, "?search=old"))["results"]!.AsArray());
    }
}
