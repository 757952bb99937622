using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Every identity write route of the five documents against a battery of hostile bodies, each sent by a caller of the
/// route's role: every answer is a JSON 4xx (or a 2xx where the input happens to be valid), never a 5xx, and no hostile
/// body creates an account.
/// </summary>
public sealed class IdentityHostileInputTests(LmsApiFactory factory) : ApiTest(factory)
{
    private static readonly string Huge = new('x', 100_000);

    private static readonly string[] Bodies =
    [
        "", "null", "[]", "\"text\"", "123", "true", "{", "{}}", "{\"a\":}", "{}",
        "{\"email\": null, \"password\": null}", "{\"email\": [\"a@b.co\"]}", "{\"email\": {\"x\": 1}}",
        "{\"username\": \"a\\u0000b\", \"password\": \"x\"}", "{\"email\": \"a\\u0000@b.co\", \"otp\": \"1\\u0000\"}",
        "{\"refresh\": \"\\u0000\"}", "{\"refresh\": 12}", "{\"refresh\": \"" + Huge + "\"}", "{\"token\": \"" + Huge + "\"}",
        "{\"username\": \"a\\ud800b\", \"password\": \"x\"}", "{\"email\": \"" + new string('a', 10_000) + "@x.io\"}",
        "{\"otp\": 123456, \"email\": \"x@y.zz\"}", "{\"otp\": \"" + Huge + "\", \"email\": \"x@y.zz\"}",
        "{\"password\": [\"a\"], \"password2\": {\"a\": 1}}", "{\"feature_ids\": [1e400]}", "{\"feature_ids\": \"1,2\"}",
        "{\"feature_ids\": [-9223372036854775809]}", "{\"experience_years\": 2147483648}", "{\"experience_years\": \"ten\"}",
        "{\"date_of_birth\": \"2026-02-30\"}", "{\"date_of_birth\": \"99999-01-01\"}", "{\"bio\": \"" + Huge + "\"}",
        "{\"user_type\": \"admin\"}", "{\"user_type\": \"superuser\"}", "{\"full_name\": \"\\u0000\"}",
        "{\"theme_settings\": \"not an object\"}", "{\"theme_settings\": " + new string('[', 100) + new string(']', 100) + "}",
        "{\"name\": \"t\", \"name\": \"u\"}", "{\"__proto__\": {}}", new string('[', 200) + new string(']', 200),
    ];

    private enum Who { Anonymous, Student, Teacher, Admin }

    private static readonly (HttpMethod Method, string Path, Who Who)[] Routes =
    [
        // 000
        (HttpMethod.Post, "/api/auth/register/", Who.Anonymous), (HttpMethod.Post, "/api/auth/login/", Who.Anonymous),
        (HttpMethod.Post, "/api/auth/verify-email/", Who.Anonymous), (HttpMethod.Put, "/api/auth/profile/", Who.Student),
        (HttpMethod.Patch, "/api/auth/profile/", Who.Student),
        // 001
        (HttpMethod.Post, "/accounts/clients/1/user/signup/", Who.Anonymous), (HttpMethod.Post, "/accounts/clients/1/user/verify-email/", Who.Anonymous),
        (HttpMethod.Post, "/accounts/clients/1/user/resend-verification-email/", Who.Anonymous),
        (HttpMethod.Post, "/accounts/clients/1/user/login/", Who.Anonymous), (HttpMethod.Post, "/accounts/clients/1/user/login/google/", Who.Anonymous),
        (HttpMethod.Put, "/accounts/clients/1/user-profile/", Who.Student), (HttpMethod.Post, "/accounts/clients/1/user/logout/", Who.Student),
        (HttpMethod.Post, "/accounts/token/refresh/", Who.Anonymous), (HttpMethod.Post, "/accounts/clients/1/features/select/", Who.Admin),
        (HttpMethod.Post, "/accounts/clients/", Who.Admin),
        // 002
        (HttpMethod.Post, "/api/users/auth/register/", Who.Anonymous), (HttpMethod.Post, "/api/users/auth/login/", Who.Anonymous),
        (HttpMethod.Post, "/api/users/auth/logout/", Who.Student), (HttpMethod.Post, "/api/users/auth/refresh/", Who.Anonymous),
        (HttpMethod.Patch, "/api/users/profile/", Who.Student),
        // 004
        (HttpMethod.Post, "/api/teacher/teacher-register/", Who.Anonymous), (HttpMethod.Post, "/api/student/student-register/hostteacher/", Who.Anonymous),
        (HttpMethod.Post, "/api/teacher/login/", Who.Anonymous), (HttpMethod.Post, "/api/student/login/hostteacher/", Who.Anonymous),
        (HttpMethod.Post, "/api/token/refresh/", Who.Anonymous), (HttpMethod.Post, "/api/student/refresh/hostteacher/", Who.Anonymous),
        (HttpMethod.Post, "/api/logout/", Who.Student), (HttpMethod.Post, "/api/change-password/", Who.Student),
        (HttpMethod.Post, "/api/password-reset/request/", Who.Anonymous), (HttpMethod.Post, "/api/password-reset/verify/", Who.Anonymous),
        (HttpMethod.Post, "/api/password-reset/confirm/", Who.Anonymous), (HttpMethod.Put, "/api/teacher/update-profile/", Who.Teacher),
        (HttpMethod.Patch, "/api/teacher/update-profile/", Who.Teacher), (HttpMethod.Put, "/api/student/update-profile/", Who.Student),
        (HttpMethod.Patch, "/api/v1/student/update-profile/", Who.Student), (HttpMethod.Post, "/api/join-teacher/hostteacher/", Who.Student),
    ];

    [Fact]
    public async Task No_hostile_body_on_any_identity_write_route_gets_a_5xx_or_creates_an_account()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var (student, _, _) = await NewUser("student");
        var admin = await AsAdmin();
        var host = await Anonymous().PostAsync("/api/teacher/teacher-register/", RawJson(
            "{\"first_name\":\"Host\",\"last_name\":\"Teacher\",\"username\":\"hostteacher\",\"email\":\"host@example.com\"," +
            "\"phone\":\"01099999999\",\"password1\":\"Sturdy-Pass-2026\",\"password2\":\"Sturdy-Pass-2026\"}"));
        Assert.Equal(System.Net.HttpStatusCode.Created, host.StatusCode);
        var callers = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = Anonymous(), [Who.Student] = student, [Who.Teacher] = teacher, [Who.Admin] = admin,
        };
        var before = await UserCount();
        var failures = new List<string>();

        foreach (var (method, path, who) in Routes)
        {
            var routed = false;
            foreach (var body in Bodies)
            {
                var response = await callers[who].SendAsync(new HttpRequestMessage(method, path) { Content = RawJson(body) });
                routed |= (int)response.StatusCode is not (404 or 405);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('['))
                    failures.Add($"{method} {path} <{Shorten(body)}> -> {(int)response.StatusCode} {Shorten(text)}");
            }
            // The sweep must reach the route's handler, not a routing 404/405.
            if (!routed) failures.Add($"{method} {path}: never routed");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await UserCount());
    }

    [Theory]
    [InlineData("/api/auth/users/?user_type=%00")]
    [InlineData("/api/auth/users/?page=-1")]
    [InlineData("/api/auth/users/?page_size=99999999999999999999")]
    [InlineData("/api/users/profiles/all/?search=%25%5F%27%22%3B--&page=abc")]
    [InlineData("/api/users/students/all/?grade=" + "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    [InlineData("/api/users/teachers/all/?page=2147483647&page_size=100")]
    [InlineData("/api/teacher/get_students/?ordering=id;drop")]
    [InlineData("/api/teacher/get_students/?is_active=maybe&page=0")]
    [InlineData("/api/teacher/teacher-profile/%2500/")]
    [InlineData("/api/teacher/get-student-profile/not-a-uuid/")]
    [InlineData("/api/teacher/get-student-profile/00000000-0000-0000-0000-000000000000/")]
    [InlineData("/accounts/clients/9223372036854775807/user-profile/")]
    [InlineData("/accounts/clients/?page=abc")]
    public async Task No_hostile_identity_query_or_path_gets_a_5xx(string url)
    {
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.GetAsync(url);

        Assert.InRange((int)response.StatusCode, 200, 499);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart();
        Assert.True(text.StartsWith('{') || text.StartsWith('['), text);
    }

    private async Task<int> UserCount()
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession("1");
        return await session.Query<User>().CountAsync();
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
