using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

/// <summary>004 1.12 (own profile), 1.13 (public profile) and 1.14 (update, JSON or multipart with avatar and logo).</summary>
public sealed class TeacherProfile004Tests(LmsApiFactory factory) : TeacherStudentsTest(factory)
{
    /// <summary>The original backend's fields after the documented ones (left out of the documented snapshots).</summary>
    private static readonly string[] AppFields = ["user", "full_name", "profile_picture", "number_of_courses", "number_of_students", "rating"];

    [Fact]
    public async Task The_teacher_numbers_count_their_courses_and_joined_students_only()
    {
        var (teacher, _, username) = await NewTeacher();
        var (other, _, otherName) = await NewTeacher();
        await NewCourse(teacher, "algebra-one");
        await NewCourse(teacher, "algebra-two", publish: false); // a draft is still a course the teacher has
        await NewCourse(other, "geometry");
        await JoinedStudent(username);
        var blocked = await JoinedStudent(username);
        await Ok(await teacher.PostAsync($"/api/teacher/students/toggle-block/{blocked.Key}/", null)); // still a student of theirs
        await JoinedStudent(otherName);

        var own = await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/"));
        var pub = await Ok(await Anonymous().GetAsync($"/api/v1/teacher/teacher-profile/{username}/"));

        foreach (var body in new[] { own, pub })
        {
            Assert.Equal(2, body["number_of_courses"]!.GetValue<int>());
            Assert.Equal(2, body["number_of_students"]!.GetValue<int>());
            Assert.Equal(0.0, body["rating"]!.GetValue<double>()); // no course has a rating yet
        }
        var others = await Ok(await Anonymous().GetAsync($"/api/teacher/teacher-profile/{otherName}/"));
        Assert.Equal(1, others["number_of_courses"]!.GetValue<int>());
        Assert.Equal(1, others["number_of_students"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_teacher_gets_their_own_profile_with_email_phone_and_nulls_for_empty_fields()
    {
        var (teacher, _, username) = await NewTeacher();

        var response = await teacher.GetAsync("/api/teacher/teacher-profile/");

        var body = await Ok(response);
        Assert.Equal(username, Str(body["username"]));
        Assert.Equal($"{username}@example.com", Str(body["email"]));
        Assert.True(Guid.TryParse(Str(body["id"]), out _));
        Assert.Equal(
            ["id", "username", "email", "phone", "first_name", "last_name", "avatar", "logo", "bio", "specialization", "experience_years", .. AppFields],
            body.AsObject().Select(p => p.Key));
        Assert.Null(body["avatar"]);
        Assert.Null(body["bio"]);
        Assert.Null(body["experience_years"]);
        // The original backend's fields, which 004's app reads.
        Assert.Equal(["id", "username", "first_name", "last_name", "email", "phone", "user_type"], body["user"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Str(body["id"]), Str(body["user"]!["id"]));
        Assert.Equal("teacher", Str(body["user"]!["user_type"]));
        Assert.Equal($"{username}@example.com", Str(body["user"]!["email"]));
        Assert.Equal("Test teacher", Str(body["full_name"]));
        Assert.Null(body["profile_picture"]);
        Assert.Equal(0, body["number_of_courses"]!.GetValue<int>());
        Assert.Equal(0, body["number_of_students"]!.GetValue<int>());
        Assert.Equal(0.0, body["rating"]!.GetValue<double>());
        await SnapDocumented(response, "own", AppFields);
        await Snap(response, "own-with-app-fields");
    }

    [Fact]
    public async Task A_student_on_the_teacher_profile_gets_403_wrong_user_type()
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync("/api/teacher/teacher-profile/");

        await Error004(response, HttpStatusCode.Forbidden, "Wrong user type", "This action is only available for teachers/students.");
        await Snap(response, "student");
    }

    [Fact]
    public async Task An_admin_on_the_teacher_profile_gets_403_wrong_user_type()
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync("/api/teacher/teacher-profile/");

        await Error004(response, HttpStatusCode.Forbidden, "Wrong user type");
    }

    [Fact]
    public async Task The_teacher_profile_without_a_token_returns_401_in_the_004_format()
    {
        var response = await Anonymous().GetAsync("/api/teacher/teacher-profile/");

        await Error004(response, HttpStatusCode.Unauthorized, "Authentication required", "You must be authenticated to perform this action.");
        await Snap(response, "anonymous");
    }

    [Fact]
    public async Task The_public_profile_is_anonymous_and_hides_email_and_phone()
    {
        var (teacher, _, username) = await NewTeacher();
        await Ok(await teacher.PatchAsJsonAsync("/api/teacher/update-profile/",
            new { bio = "Teaches algebra", specialization = "Mathematics", experience_years = 12 }));

        var response = await Anonymous().GetAsync($"/api/teacher/teacher-profile/{username.ToUpperInvariant()}/");

        var body = await Ok(response);
        Assert.Equal(username, Str(body["username"]));
        Assert.Equal(
            ["id", "username", "first_name", "last_name", "avatar", "logo", "bio", "specialization", "experience_years", .. AppFields],
            body.AsObject().Select(p => p.Key));
        Assert.Equal(12, body["experience_years"]!.GetValue<int>());
        // The nested user hides e-mail and phone as the documented fields do.
        Assert.Equal(["id", "username", "first_name", "last_name", "user_type"], body["user"]!.AsObject().Select(p => p.Key));
        await SnapDocumented(response, "public", AppFields);
        await Snap(response, "public-with-app-fields");
    }

    [Fact]
    public async Task The_public_profile_of_an_unknown_username_returns_404_teacher_not_found()
    {
        var response = await Anonymous().GetAsync("/api/teacher/teacher-profile/nobody-here/");

        await Error004(response, HttpStatusCode.NotFound, "Teacher not found");
        await Snap(response, "unknown");
    }

    [Fact]
    public async Task The_public_profile_of_a_students_username_returns_404()
    {
        var (_, _, student) = await NewUser();

        var response = await Anonymous().GetAsync($"/api/teacher/teacher-profile/{student}/");

        await Error004(response, HttpStatusCode.NotFound, "Teacher not found");
    }

    [Fact]
    public async Task Profiles_answer_at_the_api_v1_prefix_too()
    {
        var (teacher, _, username) = await NewTeacher();

        var own = await Ok(await teacher.GetAsync("/api/v1/teacher/teacher-profile"));
        var pub = await Ok(await Anonymous().GetAsync($"/api/v1/teacher/teacher-profile/{username}/"));
        await Ok(await teacher.PutAsJsonAsync("/api/v1/teacher/update-profile/", new { bio = "via v1" }));

        Assert.Equal(Str(own["id"]), Str(pub["id"]));
        Assert.Equal("via v1", Str((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["bio"]));
        var unknown = await Anonymous().GetAsync("/api/v1/teacher/teacher-profile/nobody-here/");
        await Error004(unknown, HttpStatusCode.NotFound, "Teacher not found");
    }

    [Fact]
    public async Task Put_json_updates_only_the_fields_sent()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PutAsJsonAsync("/api/teacher/update-profile/",
            new { first_name = "Ada", bio = "Numbers", specialization = "Computing", experience_years = 0 });

        var body = await Ok(response);
        Assert.Equal("Profile updated successfully", Str(body["message"]));
        await Snap(response, "updated");
        var profile = await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/"));
        Assert.Equal("Ada", Str(profile["first_name"]));
        Assert.Equal("teacher", Str(profile["last_name"])); // not sent, kept
        Assert.Equal("Numbers", Str(profile["bio"]));
        Assert.Equal("Computing", Str(profile["specialization"]));
        Assert.Equal(0, profile["experience_years"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patch_multipart_stores_avatar_and_logo_whose_absolute_urls_serve_the_bytes()
    {
        var (teacher, _, username) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/",
            Uploads.Form(new { last_name = "Lovelace", experience_years = "7" },
                ("avatar", "me.png", Uploads.Png), ("logo", "logo.png", Uploads.Png)));

        await Ok(response);
        var profile = await Ok(await Anonymous().GetAsync($"/api/teacher/teacher-profile/{username}/"));
        Assert.Equal("Lovelace", Str(profile["last_name"]));
        Assert.Equal(7, profile["experience_years"]!.GetValue<int>());
        foreach (var field in new[] { "avatar", "logo" })
        {
            var url = Str(profile[field]);
            Assert.StartsWith("http://localhost/media/", url, StringComparison.Ordinal);
            var file = await Anonymous().GetAsync(new Uri(url).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(Uploads.Png, await file.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Replacing_the_avatar_serves_the_new_one_and_removes_the_old_file()
    {
        var (teacher, _, _) = await NewTeacher();
        await Ok(await teacher.PatchAsync("/api/teacher/update-profile/", Uploads.Form(null, ("avatar", "a.png", Uploads.Png))));
        var first = Str((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["avatar"]);

        await Ok(await teacher.PatchAsync("/api/teacher/update-profile/", Uploads.Form(null, ("avatar", "b.png", Uploads.Png))));

        var second = Str((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["avatar"]);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync(new Uri(second).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync(new Uri(first).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task An_empty_logo_removes_it_and_leaves_the_avatar()
    {
        var (teacher, _, _) = await NewTeacher();
        await Ok(await teacher.PatchAsync("/api/teacher/update-profile/",
            Uploads.Form(null, ("avatar", "a.png", Uploads.Png), ("logo", "l.png", Uploads.Png))));

        await Ok(await teacher.PatchAsJsonAsync("/api/teacher/update-profile/", new { logo = "" }));

        var profile = await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/"));
        Assert.Null(profile["logo"]);
        Assert.NotNull(profile["avatar"]);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_returns_400_naming_each_field_and_changes_nothing()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/",
            Uploads.Form(new { first_name = "Changed" }, ("avatar", "fake.png", Uploads.NotAnImage), ("logo", "fake.png", Uploads.NotAnImage)));

        const string message = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";
        var body = await FieldErrors(response, "avatar", message);
        Assert.Equal(message, Str(body["logo"]![0]));
        await Snap(response, "not-an-image");
        var profile = await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/"));
        Assert.Equal("Test", Str(profile["first_name"]));
        Assert.Null(profile["avatar"]);
    }

    [Fact]
    public async Task An_image_over_5_mb_returns_400_too_large()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", Uploads.Form(null, ("logo", "big.png", Uploads.Oversized())));

        await FieldErrors(response, "logo", "Image file too large ( > 5MB )");
        await Snap(response, "too-large");
        Assert.Null((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["logo"]);
    }

    [Fact]
    public async Task Text_sent_as_the_avatar_is_not_a_file()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsJsonAsync("/api/teacher/update-profile/", new { avatar = "http://example.com/me.png" });

        await FieldErrors(response, "avatar", "The submitted data was not a file. Check the encoding type on the form.");
    }

    [Fact]
    public async Task A_file_under_an_unknown_field_returns_400()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", Uploads.Form(null, ("thumbnail", "t.png", Uploads.Png)));

        await FieldErrors(response, "thumbnail", "Unknown field.");
    }

    [Theory]
    [InlineData("\"seven\"")]
    [InlineData("7.5")]
    [InlineData("true")]
    [InlineData("99999999999999")]
    public async Task Experience_years_of_the_wrong_type_returns_400_asking_for_an_integer(string value)
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", RawJson($$"""{"experience_years": {{value}}}"""));

        await FieldErrors(response, "experience_years", "A valid integer is required.");
    }

    [Fact]
    public async Task Experience_years_as_form_text_returns_400_asking_for_an_integer()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PatchAsync("/api/teacher/update-profile/", Uploads.Form(new { experience_years = "many" }));

        await FieldErrors(response, "experience_years", "A valid integer is required.");
        await Snap(response, "wrong-type");
    }

    [Theory]
    [InlineData(-1, "Ensure this value is greater than or equal to 0.")]
    [InlineData(81, "Ensure this value is less than or equal to 80.")]
    public async Task Experience_years_outside_0_to_80_returns_400(int years, string message)
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PutAsJsonAsync("/api/teacher/update-profile/", new { experience_years = years });

        await FieldErrors(response, "experience_years", message);
    }

    [Fact]
    public async Task Too_long_or_blank_fields_return_400_naming_each_and_change_nothing()
    {
        var (teacher, _, _) = await NewTeacher();

        var response = await teacher.PutAsJsonAsync("/api/teacher/update-profile/", new
        {
            first_name = " ", last_name = new string('x', 151), bio = new string('b', 2001), specialization = new string('s', 201),
        });

        var body = await FieldErrors(response, "first_name", "This field may not be blank.");
        Assert.Equal("Ensure this field has no more than 150 characters.", Str(body["last_name"]![0]));
        Assert.Equal("Ensure this field has no more than 2000 characters.", Str(body["bio"]![0]));
        Assert.Equal("Ensure this field has no more than 200 characters.", Str(body["specialization"]![0]));
        await Snap(response, "invalid-fields");
        Assert.Equal("Test", Str((await Ok(await teacher.GetAsync("/api/teacher/teacher-profile/")))["first_name"]));
    }

    [Fact]
    public async Task Unknown_fields_and_malformed_json_return_400_not_500()
    {
        var (teacher, _, _) = await NewTeacher();

        var unknown = await teacher.PutAsJsonAsync("/api/teacher/update-profile/", new { username = "hijack" });
        var malformed = await teacher.PutAsync("/api/teacher/update-profile/", RawJson("{\"bio\": "));
        var array = await teacher.PutAsync("/api/teacher/update-profile/", RawJson("[1,2]"));
        var text = await teacher.PutAsync("/api/teacher/update-profile/", new StringContent("bio=x"));

        await FieldErrors(unknown, "username", "Unknown field.");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        await Snap(malformed, "malformed");
    }

    [Fact]
    public async Task A_student_updating_the_teacher_profile_gets_403_and_anonymous_401()
    {
        var (student, _, _) = await NewUser();

        var forbidden = await student.PutAsJsonAsync("/api/teacher/update-profile/", new { bio = "x" });
        var anonymous = await Anonymous().PatchAsJsonAsync("/api/teacher/update-profile/", new { bio = "x" });

        await Error004(forbidden, HttpStatusCode.Forbidden, "Wrong user type");
        await Error004(anonymous, HttpStatusCode.Unauthorized, "Authentication required", "You must be authenticated to perform this action.");
    }
}
