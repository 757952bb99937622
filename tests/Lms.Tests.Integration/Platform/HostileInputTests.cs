using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Hostile query strings and paths on 003's routes, signed in as a teacher: each answer is a 4xx (or a 2xx where the
/// input happens to be valid), never a 5xx, and always a JSON body. Hostile bodies on every write route are
/// <see cref="HostileSweepTests"/>' job.
/// </summary>
public sealed class HostileInputTests(LmsApiFactory factory) : ApiTest(factory)
{
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
}
