using System.Globalization;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity;

/// <summary>
/// Every 001 account and client route against hostile bodies (malformed JSON, wrong types, unknown fields, huge strings),
/// signed in as the platform admin: each answer is a 4xx (or a 2xx where the input happens to be valid), never a 5xx,
/// always a JSON body.
/// </summary>
public sealed class AccountsHostileInput001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    private static readonly string Huge = new('x', 100_000);

    private static readonly string[] Bodies =
    [
        "", "null", "[]", "\"text\"", "123", "true", "{", "{}}", "{\"a\":}", "{\"unknown\": 1}",
        "{\"email\": 5}", "{\"email\": [\"a@b.co\"]}", "{\"email\": {\"$ne\": null}}", "{\"otp\": 123456, \"email\": \"a@b.co\"}",
        "{\"password\": [\"a\"]}", "{\"first_name\": null, \"email\": null}", "{\"refresh\": 1}", "{\"refresh\": \"" + Huge + "\"}",
        "{\"token\": \"" + Huge + "\"}", "{\"token\": true}", "{\"email\": \"" + Huge + "@x.io\", \"password\": \"" + Huge + "\"}",
        "{\"first_name\": \"" + Huge + "\", \"last_name\": \"a\\ud800b\", \"email\": \"a@b.co\", \"password\": \"x\", \"confirm_password\": \"x\"}",
        "{\"phone\": \"" + Huge + "\"}", "{\"user_name\": \"" + Huge + "\"}", "{\"user_name\": 7}", "{\"id\": \"abc\"}",
        "{\"feature_ids\": \"1\"}", "{\"feature_ids\": [\"a\"]}", "{\"feature_ids\": [1.5]}", "{\"feature_ids\": [9223372036854775808]}",
        "{\"feature_ids\": null}", "{\"feature_ids\": [" + string.Join(',', Enumerable.Range(1, 5000)) + "]}",
        "{\"name\": \"" + Huge + "\"}", "{\"name\": \"Ok\", \"slug\": \"has space\"}", "{\"name\": \"Ok\", \"theme_settings\": \"red\"}",
        "{\"name\": \"Ok\", \"theme_settings\": {\"big\": \"" + Huge + "\"}}", "{\"name\": \"Ok\", \"is_active\": \"yes\"}",
        "{\"name\": \"Ok\", \"app_logo_url\": \"javascript:alert(1)\"}", "{\"name\": \"!!!\"}", "{\"email\": \"a@b.co\", \"email\": \"c@d.co\"}",
        new string('[', 200) + new string(']', 200),
    ];

    [Fact]
    public async Task No_hostile_body_on_any_001_account_route_gets_a_5xx()
    {
        var client = await NewClient("Hostile");
        var admin = await AsAdmin();
        var c = client.ToString(CultureInfo.InvariantCulture);
        (HttpMethod Method, string Path)[] routes =
        [
            // The admin's token acts in client 1, so the {client_id} routes are called there.
            (HttpMethod.Post, "/accounts/clients/1/user/signup/"), (HttpMethod.Post, "/accounts/clients/1/user/verify-email/"),
            (HttpMethod.Post, "/accounts/clients/1/user/resend-verification-email/"), (HttpMethod.Post, "/accounts/clients/1/user/login/"),
            (HttpMethod.Post, "/accounts/clients/1/user/login/google/"), (HttpMethod.Put, "/accounts/clients/1/user-profile/"),
            (HttpMethod.Post, "/accounts/clients/1/user/logout/"), (HttpMethod.Post, "/accounts/token/refresh/"),
            (HttpMethod.Post, $"/accounts/clients/{c}/features/select/"), (HttpMethod.Post, "/accounts/clients/"),
        ];
        var failures = new List<string>();

        foreach (var (method, path) in routes)
        {
            foreach (var body in Bodies)
            {
                var response = await admin.SendAsync(new HttpRequestMessage(method, path) { Content = RawJson(body) });
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('['))
                    failures.Add($"{method} {path} <{Shorten(body)}> -> {(int)response.StatusCode} {Shorten(text)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("{", "malformed")]
    [InlineData("{\"email\": 5, \"password\": \"x\"}", "wrong-type")]
    [InlineData("{\"email\": \"a@b.co\", \"password\": \"x\", \"remember\": true}", "unknown-field")]
    public async Task Bad_json_on_login_is_a_drf_400(string body, string name)
    {
        var client = await NewClient("Hostile");

        var response = await Anonymous().PostAsync(Accounts(client, "user/login/"), RawJson(body));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, name);
    }

    [Fact]
    public async Task A_huge_email_at_signup_is_a_400_naming_the_field()
    {
        var client = await NewClient("Hostile");

        var response = await Anonymous().PostAsync(Accounts(client, "user/signup/"),
            RawJson("{\"first_name\": \"a\", \"last_name\": \"b\", \"email\": \"" + Huge + "@x.io\", \"password\": \"Sturdy-Pass-2026\", \"confirm_password\": \"Sturdy-Pass-2026\"}"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ensure this field has no more than 254 characters.", (await Json(response))["email"]![0]!.GetValue<string>());
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
