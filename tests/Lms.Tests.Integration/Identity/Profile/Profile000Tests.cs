using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

/// <summary>000 <c>GET</c>, <c>PUT</c> and <c>PATCH /api/auth/profile/</c> (JSON or multipart with an avatar file).</summary>
public sealed class Profile000Tests(LmsApiFactory factory) : Accounts000Test(factory)
{
    private const string Profile = "/api/auth/profile/";

    [Fact]
    public async Task Get_profile_returns_the_callers_account_and_empty_profile_fields()
    {
        var (client, id) = await User000("profiled", "tutor");

        var response = await client.GetAsync(Profile);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(id, body["id"]!.GetValue<long>());
        Assert.Equal("profiled", body["username"]!.GetValue<string>());
        Assert.Equal("tutor", body["user_type"]!.GetValue<string>());
        Assert.Null(body["avatar"]);
        Assert.Null(body["date_of_birth"]);
        Assert.Equal("", body["bio"]!.GetValue<string>());
        Assert.DoesNotContain("password", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await Contract.MatchDocumented(response, "ok", "user");
    }

    [Fact]
    public async Task Get_profile_also_carries_the_original_backends_nested_user_as_000s_app_reads_it()
    {
        var (client, id) = await User000("nested", "tutor");

        var response = await client.GetAsync(Profile);

        await Contract.Match(response, "nested-user");
        var body = await Json(response);
        var user = body["user"]!;
        Assert.Equal(id, user["id"]!.GetValue<long>());
        foreach (var field in new[] { "username", "email", "first_name", "last_name", "user_type", "phone" })
            Assert.Equal(body[field]!.ToJsonString(), user[field]!.ToJsonString());
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    public async Task The_apps_nested_user_update_changes_the_account_as_the_flat_fields_do(string method)
    {
        var (client, _) = await User000("nestedit");

        // 000's app (src/app/profile/page.tsx handleUpdate) sends exactly this.
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Profile)
        {
            Content = RawJson("""
                {"user": {"first_name": "Jane", "last_name": "Roe", "phone": "+1 555 010 2030"},
                 "bio": "Hi", "date_of_birth": "2001-04-09", "address": "12 Main St"}
                """),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Contract.Match(response, $"nested-update-{method.ToLowerInvariant()}");
        var reread = await Json(await client.GetAsync(Profile));
        Assert.Equal("Jane", reread["first_name"]!.GetValue<string>());
        Assert.Equal("Jane", reread["user"]!["first_name"]!.GetValue<string>());
        Assert.Equal("Roe", reread["user"]!["last_name"]!.GetValue<string>());
        Assert.Equal("+1 555 010 2030", reread["user"]!["phone"]!.GetValue<string>());
        Assert.Equal("Hi", reread["bio"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_nested_user_follows_the_flat_rules_and_refuses_other_account_fields()
    {
        var (client, _) = await User000("nestrule");
        await Register(Registration("phoneowner", phone: "+1 555 999 0000"));
        var before = (await Json(await client.GetAsync(Profile))).ToJsonString();

        var badPhone = await client.PatchAsync(Profile, RawJson("""{"user": {"phone": "call me"}}"""));
        var wrongType = await client.PatchAsync(Profile, RawJson("""{"user": {"first_name": 7}}"""));
        var tooLong = await client.PatchAsync(Profile, RawJson("{\"user\": {\"last_name\": \"" + new string('x', 151) + "\"}}"));
        var escalate = await client.PatchAsync(Profile, RawJson("""{"user": {"user_type": "admin", "username": "root"}}"""));
        var notObject = await client.PatchAsync(Profile, RawJson("""{"user": "Jane"}"""));
        var nullUser = await client.PatchAsync(Profile, RawJson("""{"user": null}"""));

        Assert.Equal(["Enter a valid phone number."], Messages(await Json(badPhone), "phone"));
        Assert.Equal(["Not a valid string."], Messages(await Json(wrongType), "first_name"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("last_name", (await Json(tooLong)).ToJsonString(), StringComparison.Ordinal);
        await Contract.Match(escalate, "nested-unknown-fields");
        Assert.Equal(["Unknown field."], Messages(await Json(escalate), "user.user_type"));
        Assert.Equal(["Unknown field."], Messages(await Json(escalate), "user.username"));
        Assert.Equal(["Invalid data. Expected a dictionary, but got str."], Messages(await Json(notObject), "user"));
        Assert.Equal(["This field may not be null."], Messages(await Json(nullUser), "user"));
        Assert.Equal(before, (await Json(await client.GetAsync(Profile))).ToJsonString());

        var taken = await client.PatchAsync(Profile, RawJson("""{"user": {"phone": "15559990000"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(["A user with that phone already exists."], Messages(await Json(taken), "phone"));
    }

    [Fact]
    public async Task With_a_flat_and_a_nested_value_for_one_field_the_flat_one_wins()
    {
        var (client, _) = await User000("bothforms");

        var response = await client.PatchAsync(Profile, RawJson("""{"first_name": "Flat", "user": {"first_name": "Nested", "last_name": "Only"}}"""));

        var body = await Json(response);
        Assert.Equal("Flat", body["first_name"]!.GetValue<string>());
        Assert.Equal("Only", body["user"]!["last_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_profile_without_a_token_returns_401_with_drfs_detail()
    {
        var response = await Anonymous().GetAsync(Profile);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await Json(response)).AsObject();
        Assert.Equal("Authentication credentials were not provided.", body["detail"]!.GetValue<string>());
        Assert.Single(body);
        await Contract.Match(response, "no-token");
    }

    [Fact]
    public async Task Get_profile_with_a_garbage_token_returns_401()
    {
        var response = await As("not.a.jwt").GetAsync(Profile);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Contract.Match(response, "garbage-token");
    }

    [Fact]
    public async Task Patch_profile_with_json_updates_the_fields_sent_and_persists_them()
    {
        var (client, _) = await User000("patcher");

        var response = await client.PatchAsync(Profile, RawJson("""
            {"bio": "Learning Django", "date_of_birth": "2001-04-09", "address": "12 Main St, Springfield"}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Contract.MatchDocumented(response, "patched", "user");
        var reread = await Json(await client.GetAsync(Profile));
        Assert.Equal("Learning Django", reread["bio"]!.GetValue<string>());
        Assert.Equal("2001-04-09", reread["date_of_birth"]!.GetValue<string>());
        Assert.Equal("12 Main St, Springfield", reread["address"]!.GetValue<string>());
        Assert.Equal("John", reread["first_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_profile_with_some_fields_keeps_the_others()
    {
        var (client, _) = await User000("putter");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync(Profile, RawJson("""{"bio": "Old bio", "address": "Old address"}"""))).StatusCode);

        var response = await client.PutAsync(Profile, RawJson("""{"bio": "New bio", "date_of_birth": "1999-12-31"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("New bio", body["bio"]!.GetValue<string>());
        Assert.Equal("Old address", body["address"]!.GetValue<string>());
        Assert.Equal("1999-12-31", body["date_of_birth"]!.GetValue<string>());
    }

    [Fact]
    public async Task Null_clears_a_field_and_first_name_last_name_and_phone_can_change()
    {
        var (client, _) = await User000("clearer");
        await client.PatchAsync(Profile, RawJson("""{"bio": "Some bio", "date_of_birth": "2000-01-01"}"""));

        var response = await client.PatchAsync(Profile, RawJson("""
            {"bio": null, "date_of_birth": null, "first_name": "Jane", "last_name": "Roe", "phone": "+44 20 7946 0958"}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(await client.GetAsync(Profile));
        Assert.Equal("", body["bio"]!.GetValue<string>());
        Assert.Null(body["date_of_birth"]);
        Assert.Equal("Jane", body["first_name"]!.GetValue<string>());
        Assert.Equal("Roe", body["last_name"]!.GetValue<string>());
        Assert.Equal("+44 20 7946 0958", body["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_phone_another_user_has_returns_400_naming_phone()
    {
        await Register(Registration("phone_owner", phone: "+1 555 010 0199"));
        var (client, _) = await User000("phone_thief");

        var response = await client.PatchAsync(Profile, RawJson("""{"phone": "15550100199"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["A user with that phone already exists."], Messages(await Json(response), "phone"));
    }

    [Theory]
    [InlineData("09/04/2001")]
    [InlineData("2001-02-30")]
    [InlineData("2001-4-9")]
    [InlineData("2001-04-09T00:00:00")]
    [InlineData("yesterday")]
    public async Task A_date_of_birth_not_in_YYYY_MM_DD_returns_400_with_drfs_message(string date)
    {
        var (client, _) = await User000("dater");

        var response = await client.PatchAsync(Profile, RawJson(new JsonObject { ["date_of_birth"] = date }.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
            Messages(await Json(response), "date_of_birth"));
    }

    [Fact]
    public async Task A_date_of_birth_that_is_a_number_returns_the_same_400()
    {
        var (client, _) = await User000("dater2");

        var response = await client.PatchAsync(Profile, RawJson("""{"date_of_birth": 20010409}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "bad-date");
    }

    [Fact]
    public async Task A_date_of_birth_in_the_future_returns_400()
    {
        var (client, _) = await User000("time_traveller");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await client.PatchAsync(Profile, RawJson(new JsonObject { ["date_of_birth"] = tomorrow }.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Date of birth cannot be in the future."], Messages(await Json(response), "date_of_birth"));
    }

    [Fact]
    public async Task Multipart_avatar_upload_returns_an_absolute_url_that_serves_the_bytes()
    {
        var (client, _) = await User000("pictured");

        var response = await client.PatchAsync(Profile, Uploads.Form(new { bio = "With a face", date_of_birth = "2002-02-02" },
            ("avatar", "me.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var url = body["avatar"]!.GetValue<string>();
        Assert.StartsWith("http://localhost/media/avatars/", url, StringComparison.Ordinal);
        Assert.EndsWith(".png", url, StringComparison.Ordinal);
        Assert.Equal("With a face", body["bio"]!.GetValue<string>());
        Assert.Equal("2002-02-02", body["date_of_birth"]!.GetValue<string>());
        await Contract.MatchDocumented(await WithBody(response, b => b["avatar"] = "<avatar-url>"), "avatar", "user");

        var served = await Anonymous().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Uploads.Png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(url, (await Json(await client.GetAsync(Profile)))["avatar"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_with_multipart_works_too_and_a_new_avatar_replaces_the_old_file()
    {
        var (client, _) = await User000("replacer");
        var first = (await Json(await client.PutAsync(Profile, Uploads.Form(null, ("avatar", "a.png", Uploads.Png)))))["avatar"]!.GetValue<string>();

        var response = await client.PutAsync(Profile, Uploads.Form(null, ("avatar", "b.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var second = (await Json(response))["avatar"]!.GetValue<string>();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync(new Uri(second).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync(new Uri(first).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Avatar_null_removes_the_picture()
    {
        var (client, _) = await User000("unpictured");
        var url = (await Json(await client.PatchAsync(Profile, Uploads.Form(null, ("avatar", "a.png", Uploads.Png)))))["avatar"]!.GetValue<string>();

        var response = await client.PatchAsync(Profile, RawJson("""{"avatar": null}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await Json(response))["avatar"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_returns_400_naming_avatar_and_changes_nothing()
    {
        var (client, _) = await User000("faker");

        var response = await client.PatchAsync(Profile, Uploads.Form(new { bio = "should not stick" }, ("avatar", "fake.png", Uploads.NotAnImage)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Upload a valid image. The file you uploaded was either not an image or a corrupted image."],
            Messages(await Json(response), "avatar"));
        await Contract.Match(response, "not-an-image");
        var profile = await Json(await client.GetAsync(Profile));
        Assert.Null(profile["avatar"]);
        Assert.Equal("", profile["bio"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_image_over_5_MB_returns_400_naming_avatar()
    {
        var (client, _) = await User000("bigface");

        var response = await client.PatchAsync(Profile, Uploads.Form(null, ("avatar", "big.png", Uploads.Oversized())));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Image file too large ( > 5MB )"], Messages(await Json(response), "avatar"));
    }

    [Fact]
    public async Task An_avatar_sent_as_text_returns_400_saying_it_is_not_a_file()
    {
        var (client, _) = await User000("texter");

        var json = await client.PatchAsync(Profile, RawJson("""{"avatar": "http://example.com/me.png"}"""));
        var form = await client.PatchAsync(Profile, Uploads.Form(new { avatar = "me.png" }));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(["The submitted data was not a file. Check the encoding type on the form."], Messages(await Json(json), "avatar"));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.NotNull((await Json(form))["avatar"]);
        await Contract.Match(json, "not-a-file");
    }

    [Theory]
    [InlineData("""{"user_type": "admin"}""", "user_type")]
    [InlineData("""{"username": "someone_else"}""", "username")]
    [InlineData("""{"email": "other@example.com"}""", "email")]
    [InlineData("""{"is_verified": true}""", "is_verified")]
    public async Task A_field_that_is_not_editable_returns_400_and_changes_nothing(string json, string field)
    {
        var (client, _) = await User000("fixed");
        var before = (await Json(await client.GetAsync(Profile))).ToJsonString();

        var response = await client.PatchAsync(Profile, RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(response), field));
        Assert.Equal(before, (await Json(await client.GetAsync(Profile))).ToJsonString());
    }

    [Fact]
    public async Task Unknown_form_fields_and_unknown_files_return_400_naming_them()
    {
        var (client, _) = await User000("formfill");

        var field = await client.PatchAsync(Profile, Uploads.Form(new { user_type = "admin" }));
        var file = await client.PatchAsync(Profile, Uploads.Form(null, ("photo", "p.png", Uploads.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, field.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(field), "user_type"));
        Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
        Assert.Equal(["Unknown field."], Messages(await Json(file), "photo"));
        await Contract.Match(field, "unknown-field");
        Assert.Equal("student", (await Json(await client.GetAsync(Profile)))["user_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_types_return_400_naming_each_field()
    {
        var (client, _) = await User000("typer");

        var response = await client.PatchAsync(Profile, RawJson("""{"bio": 42, "address": ["a"], "phone": true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["Not a valid string."], Messages(body, "bio"));
        Assert.Equal(["Not a valid string."], Messages(body, "address"));
        Assert.Equal(["Not a valid string."], Messages(body, "phone"));
        await Contract.Match(response, "wrong-types");
    }

    [Theory]
    [InlineData("{\"bio\": ")]
    [InlineData("[1, 2]")]
    [InlineData("\"bio\"")]
    public async Task Malformed_json_returns_400_with_a_detail(string json)
    {
        var (client, _) = await User000("malformer");

        var response = await client.PatchAsync(Profile, RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["detail"]);
    }

    [Fact]
    public async Task Huge_strings_return_400_naming_each_field()
    {
        var (client, _) = await User000("hugeprofile");
        var huge = new string('x', 100_000);

        var response = await client.PatchAsync(Profile, RawJson(new JsonObject
        {
            ["bio"] = huge, ["address"] = huge, ["first_name"] = huge, ["phone"] = huge,
        }.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["Ensure this field has no more than 2000 characters."], Messages(body, "bio"));
        Assert.Equal(["Ensure this field has no more than 500 characters."], Messages(body, "address"));
        Assert.Equal(["Ensure this field has no more than 150 characters."], Messages(body, "first_name"));
        Assert.Equal(["Ensure this field has no more than 20 characters."], Messages(body, "phone"));
    }

    [Fact]
    public async Task A_body_that_is_neither_json_nor_a_form_returns_415()
    {
        var (client, _) = await User000("plain");

        var response = await client.PutAsync(Profile, new StringContent("bio=hello", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotNull((await Json(response))["detail"]);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Updating_without_a_token_returns_401(string method)
    {
        var response = await Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), Profile)
        {
            Content = JsonContent.Create(new { bio = "x" }),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (await Json(response))["detail"]!.GetValue<string>());
    }
}
