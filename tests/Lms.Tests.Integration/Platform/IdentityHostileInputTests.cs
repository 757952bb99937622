using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Hostile query strings and paths on the identity routes of the five documents: every answer is a JSON 4xx (or a 2xx
/// where the input happens to be valid), never a 5xx. Hostile bodies on every write route, with no write from a failed
/// request, are <see cref="HostileSweepTests"/>' job.
/// </summary>
public sealed class IdentityHostileInputTests(LmsApiFactory factory) : ApiTest(factory)
{
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
}
