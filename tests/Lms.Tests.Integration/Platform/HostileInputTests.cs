using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Every 003 route against a battery of hostile bodies and query strings, signed in as a teacher: each answer is a 4xx
/// (or a 2xx where the input happens to be valid), never a 5xx, and always a JSON body.
/// </summary>
public sealed class HostileInputTests(LmsApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Bodies =
    [
        "", "null", "[]", "\"text\"", "123", "true", "{", "{}}", "{\"a\":}", "{\"title\": null}",
        "{\"course_id\": null}", "{\"course_id\": [1]}", "{\"course_id\": {\"id\": 1}}", "{\"course_id\": 1e400}",
        "{\"course_id\": -9223372036854775809}", "{\"course_id\": 9223372036854775807}", "{\"course_id\": \"1\"}",
        "{\"status\": 1}", "{\"status\": \"COMPLETED\"}", "{\"status\": \"\\u0000\"}", "{\"level\": \"beginner,advanced\"}",
        "{\"duration_weeks\": 2147483648}", "{\"duration_weeks\": 1.5}", "{\"title\": \"" + new string('x', 300) + "\"}",
        "{\"username\": \"a\\ud800b\", \"password\": \"x\"}", "{\"title\": \"t\", \"title\": \"u\"}",
        "{\"email\": \"" + new string('a', 10_000) + "@x.io\"}", "{\"__proto__\": {}}", "{\"password\": [\"a\"]}",
        new string('[', 200) + new string(']', 200),
    ];

    private static readonly (HttpMethod Method, string Path)[] Routes =
    [
        (HttpMethod.Post, "/api/token/"), (HttpMethod.Post, "/api/users/register/"), (HttpMethod.Put, "/api/users/profile/"),
        (HttpMethod.Post, "/api/courses/"), (HttpMethod.Put, "/api/courses/{course}/"), (HttpMethod.Post, "/api/enrollments/"),
        (HttpMethod.Put, "/api/progress/1/"),
    ];

    [Fact]
    public async Task No_hostile_body_on_any_003_write_route_gets_a_5xx()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var course = await NewCourse(teacher, "hostile-target");
        var failures = new List<string>();

        foreach (var (method, template) in Routes)
        {
            foreach (var body in Bodies)
            {
                var request = new HttpRequestMessage(method, template.Replace("{course}", course.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    Content = RawJson(body),
                };
                var response = await teacher.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500 || !text.TrimStart().StartsWith('{'))
                    failures.Add($"{method} {template} <{Shorten(body)}> -> {(int)response.StatusCode} {Shorten(text)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/api/courses/?page=0")]
    [InlineData("/api/courses/?page=-1")]
    [InlineData("/api/courses/?page=99999999999999999999")]
    [InlineData("/api/courses/?page=2147483647&page_size=100")]
    [InlineData("/api/courses/?page_size=0")]
    [InlineData("/api/courses/?page_size=abc")]
    [InlineData("/api/courses/?level=%00")]
    [InlineData("/api/courses/?status=draft&status=published")]
    [InlineData("/api/courses/?search=%25%5F%27%22%3B--")]
    [InlineData("/api/enrollments/?page=abc")]
    [InlineData("/api/progress/?course_id=1e9")]
    [InlineData("/api/progress/?course_id=9223372036854775808")]
    [InlineData("/api/courses/-1/")]
    [InlineData("/api/courses/9223372036854775807/")]
    [InlineData("/api/progress/0/")]
    public async Task No_hostile_query_or_path_gets_a_5xx(string url)
    {
        var (teacher, _, _) = await NewUser("teacher");
        var response = url.StartsWith("/api/progress/0", StringComparison.Ordinal)
            ? await teacher.PutAsync(url, RawJson("{\"status\": \"completed\"}"))
            : await teacher.GetAsync(url);

        Assert.InRange((int)response.StatusCode, 200, 499);
        Assert.StartsWith("{", (await response.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
