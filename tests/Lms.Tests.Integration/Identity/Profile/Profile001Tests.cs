using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

public sealed class Profile001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    private async Task<(long Client, HttpClient Http)> Student(string email = "asha@example.com")
    {
        var client = await NewClient("Acme Academy");
        var login = await SignedIn(client, email);
        return (client, As(login["access"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_profile_returns_id_user_name_picture_and_role()
    {
        var (client, http) = await Student();

        var response = await http.GetAsync(Accounts(client, "user-profile/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("ashauser", body["user_name"]!.GetValue<string>());
        Assert.Equal("student", body["role"]!.GetValue<string>());
        Assert.Null(body["profile_pic_url"]);
        await Contract.Match(response, "ok");
    }

    [Fact]
    public async Task A_teacher_is_shown_with_001s_word_instructor()
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.GetAsync(Accounts(1, "user-profile/"));

        Assert.Equal("instructor", (await Json(response))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_as_json_changes_the_names_and_the_username()
    {
        var (client, http) = await Student();

        var response = await http.PutAsJsonAsync(Accounts(client, "user-profile/"), new { user_name = "asha_r", first_name = "Asha", last_name = "Rao-Iyer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("asha_r", (await Json(response))["user_name"]!.GetValue<string>());
        await Contract.Match(response, "updated");
        var login = await Json(await LoginAt(client, "asha@example.com"));
        Assert.Equal("Rao-Iyer", login["user"]!["last_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_accepts_back_the_read_only_fields_it_returned()
    {
        var (client, http) = await Student();
        var current = await Json(await http.GetAsync(Accounts(client, "user-profile/")));
        current["user_name"] = "asha2";

        var response = await http.PutAsync(Accounts(client, "user-profile/"), RawJson(current.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("student", (await Json(response))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_a_picture_stores_it_and_returns_its_full_url()
    {
        var (client, http) = await Student();

        var response = await http.PutAsync(Accounts(client, "user-profile/"),
            Uploads.Form(new { first_name = "Asha" }, ("profile_pic", "me.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await Json(response))["profile_pic_url"]!.GetValue<string>();
        Assert.StartsWith("http://localhost/media/avatars/", url, StringComparison.Ordinal);
        var image = await Anonymous().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(Uploads.Png, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(url, (await Json(await http.GetAsync(Accounts(client, "user-profile/"))))["profile_pic_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_a_file_that_is_not_an_image_returns_400_and_changes_nothing()
    {
        var (client, http) = await Student();

        var response = await http.PutAsync(Accounts(client, "user-profile/"),
            Uploads.Form(new { user_name = "renamed" }, ("profile_pic", "me.png", Uploads.NotAnImage)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
            (await Json(response))["profile_pic"]![0]!.GetValue<string>());
        await Contract.Match(response, "not-an-image");
        Assert.Equal("ashauser", (await Json(await http.GetAsync(Accounts(client, "user-profile/"))))["user_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_an_oversized_picture_returns_400()
    {
        var (client, http) = await Student();

        var response = await http.PutAsync(Accounts(client, "user-profile/"), Uploads.Form(null, ("profile_pic", "big.png", Uploads.Oversized())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Image file too large ( > 5MB )", (await Json(response))["profile_pic"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_a_username_taken_in_the_client_returns_400()
    {
        var client = await NewClient("Acme Academy");
        await RegisterVerified(client, "first@example.com");
        var second = As((await SignedIn(client, "second@example.com"))["access"]!.GetValue<string>());

        // first@example.com got the username "first" (derived from the e-mail).
        var response = await second.PutAsJsonAsync(Accounts(client, "user-profile/"), new { user_name = "FIRST" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A user with that username already exists.", (await Json(response))["user_name"]![0]!.GetValue<string>());
        await Contract.Match(response, "username-taken");
    }

    [Fact]
    public async Task Put_profile_with_an_invalid_username_or_unknown_field_returns_400()
    {
        var (client, http) = await Student();

        var invalid = await http.PutAsJsonAsync(Accounts(client, "user-profile/"), new { user_name = "has space" });
        var unknown = await http.PutAsJsonAsync(Accounts(client, "user-profile/"), new { email = "new@example.com" });
        var role = await http.PutAsJsonAsync(Accounts(client, "user-profile/"), new { role = "admin" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Unknown field.", (await Json(unknown))["email"]![0]!.GetValue<string>());
        await Contract.Match(unknown, "unknown-field");
        // role is read-only: accepted and ignored.
        Assert.Equal("student", (await Json(role))["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Profile_without_a_token_returns_401()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().GetAsync(Accounts(client, "user-profile/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "no-token");
    }

    [Fact]
    public async Task A_client_2_token_on_client_3s_profile_returns_403()
    {
        var two = await NewClient("Two");
        var three = await NewClient("Three");
        var token = (await SignedIn(two, "asha@example.com"))["access"]!.GetValue<string>();

        var get = await As(token).GetAsync(Accounts(three, "user-profile/"));
        var put = await As(token).PutAsJsonAsync(Accounts(three, "user-profile/"), new { first_name = "X" });

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("This token belongs to another client.", (await Json(get))["detail"]!.GetValue<string>());
        await Contract.Match(get, "other-client");
    }

    [Fact]
    public async Task The_profile_of_a_deactivated_client_is_404()
    {
        var client = await NewClient("Acme Academy");
        var token = (await SignedIn(client, "asha@example.com"))["access"]!.GetValue<string>();
        await SetActive(client, false);

        var response = await As(token).GetAsync(Accounts(client, "user-profile/"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
