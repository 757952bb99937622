using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

public sealed class RegisterTeacher004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    private const string Route = "/api/teacher/teacher-register/";

    [Fact]
    public async Task A_json_registration_returns_201_with_the_teacher_and_null_images_and_the_teacher_can_sign_in()
    {
        var response = await Anonymous().PostAsJsonAsync(Route, TeacherBody("tessa", phone: "01012345678"));

        await Contract.Match(response, "created");
        var body = await Json(response);
        Assert.True(Guid.TryParse(Str(body["user"]!["id"]), out _));
        Assert.Equal("tessa", Str(body["user"]!["slug"]));
        Assert.Equal(HttpStatusCode.OK, (await TeacherLogin(Anonymous(), "tessa")).StatusCode);
    }

    [Fact]
    public async Task A_multipart_registration_stores_avatar_and_logo_and_returns_their_full_urls()
    {
        var form = Uploads.Form(TeacherBody("picasso"), ("avatar", "me.png", Uploads.Png), ("logo", "logo.png", Uploads.Png));

        var response = await Anonymous().PostAsync(Route, form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = (await Json(response))["user"]!;
        var avatar = Str(user["avatar"]);
        var logo = Str(user["logo"]);
        Assert.StartsWith("http://localhost/media/avatars/", avatar, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/media/logos/", logo, StringComparison.Ordinal);
        var served = await Anonymous().GetAsync(new Uri(avatar).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(Uploads.Png, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_empty_body_returns_400_with_this_field_is_required_for_every_required_field()
    {
        var response = await Anonymous().PostAsync(Route, RawJson("{}"));

        await Contract.Match(response, "missing-fields");
        var body = await Json(response);
        foreach (var field in new[] { "first_name", "last_name", "username", "email", "phone", "password1", "password2" })
            Assert.Equal(["This field is required."], Messages(body, field));
    }

    [Fact]
    public async Task Invalid_values_return_the_documented_messages()
    {
        var response = await Anonymous().PostAsJsonAsync(Route, new
        {
            first_name = "Tess", last_name = "Teacher", username = "abc", email = "abc@example.com", phone = "01x23",
            password1 = "short", password2 = "different",
        });

        await Contract.Match(response, "invalid-fields");
        var body = await Json(response);
        Assert.Equal(["Username must be at least 5 characters long."], Messages(body, "username"));
        Assert.Equal(["Phone must be a number."], Messages(body, "phone"));
        Assert.Contains("This password is too short. It must contain at least 8 characters.", Messages(body, "password1"));
        Assert.Equal(["Passwords don't match."], Messages(body, "password2"));
        Assert.Equal(Messages(body, "username"), Messages(body["field_errors"]!, "username"));
    }

    [Fact]
    public async Task A_taken_username_email_and_phone_return_400_naming_each_and_create_nothing()
    {
        await Anonymous().PostAsJsonAsync(Route, TeacherBody("tessa", "tessa@example.com", "01011112222"));

        var response = await Anonymous().PostAsJsonAsync(Route, TeacherBody("TESSA", "Tessa@Example.com", "01011112222"));

        await Contract.Match(response, "taken");
        var body = await Json(response);
        Assert.Equal(["A user with that username already exists."], Messages(body, "username"));
        Assert.Equal(["Email already exists."], Messages(body, "email"));
        Assert.Equal(["Phone already exists."], Messages(body, "phone"));
    }

    [Fact]
    public async Task A_phone_taken_by_another_account_is_refused_even_alone()
    {
        await RegisterTeacher("first1");
        var phone = NewPhone();
        await Anonymous().PostAsJsonAsync(Route, TeacherBody("second2", phone: phone));

        var response = await Anonymous().PostAsJsonAsync(Route, TeacherBody("third3", phone: phone));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["Phone already exists."], Messages(body, "phone"));
        Assert.Null(body["username"]);
    }

    [Fact]
    public async Task Images_that_are_not_images_or_too_large_return_the_9_1_messages_and_nothing_is_created()
    {
        var form = Uploads.Form(TeacherBody("badimage"), ("avatar", "me.png", Uploads.NotAnImage), ("logo", "big.png", Uploads.Oversized()));

        var response = await Anonymous().PostAsync(Route, form);

        await Contract.Match(response, "bad-images");
        var body = await Json(response);
        Assert.Equal(["Upload a valid image. The file you uploaded was either not an image or a corrupted image."], Messages(body, "avatar"));
        Assert.Equal(["Image file too large ( > 5MB )"], Messages(body, "logo"));
        Assert.Equal(HttpStatusCode.NotFound, (await TeacherLogin(Anonymous(), "badimage")).StatusCode);
    }

    [Fact]
    public async Task A_valid_image_is_not_stored_when_the_rest_of_the_registration_is_invalid()
    {
        var before = MediaFiles();
        var form = Uploads.Form(new
        {
            first_name = "Tess", last_name = "Teacher", username = "noimage", email = "noimage@example.com", phone = NewPhone(),
            password1 = Password, password2 = "Other-Pass-2026",
        }, ("avatar", "me.png", Uploads.Png));

        var response = await Anonymous().PostAsync(Route, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, MediaFiles());
    }

    [Fact]
    public async Task A_taken_username_stores_no_image()
    {
        await RegisterTeacher("taken1");
        var before = MediaFiles();

        var response = await Anonymous().PostAsync(Route, Uploads.Form(TeacherBody("taken1", "other@example.com"), ("avatar", "a.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, MediaFiles());
    }

    [Fact]
    public async Task An_image_sent_as_text_and_a_file_under_an_unknown_field_are_refused()
    {
        var asText = await Anonymous().PostAsync(Route, RawJson(
            """{"first_name":"T","last_name":"T","username":"texter","email":"t@example.com","phone":"0101","password1":"Sturdy-Pass-2026","password2":"Sturdy-Pass-2026","avatar":"http://evil.example/a.png"}"""));
        var unknownFile = await Anonymous().PostAsync(Route, Uploads.Form(TeacherBody("filer"), ("cv", "cv.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, asText.StatusCode);
        Assert.Equal(["The submitted data was not a file. Check the encoding type on the form."], Messages(await Json(asText), "avatar"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownFile.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(unknownFile), "cv"));
    }

    [Fact]
    public async Task A_username_shaped_like_an_email_is_refused()
    {
        var response = await Anonymous().PostAsJsonAsync(Route, TeacherBody("victim@example.com", "attacker@example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Enter a valid username. This value may contain only letters, numbers, and ./+/-/_ characters."],
            Messages(await Json(response), "username"));
    }

    [Fact]
    public async Task The_api_v1_alias_registers_too()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/teacher/teacher-register", TeacherBody("aliased"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("teacher", Str((await Json(response))["user"]!["user_type"]));
    }

    private string[] MediaFiles()
    {
        var root = Path.Combine(Factory.DataDirectory, "media");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [];
    }
}
