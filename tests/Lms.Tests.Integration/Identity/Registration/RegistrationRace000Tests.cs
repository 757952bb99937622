using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>
/// Two 000 registrations racing for one username (or e-mail): exactly one 201 and one 400 naming the field, whether the
/// friendly pre-check or the unique index caught the loser. Several rounds so both paths get exercised.
/// </summary>
public sealed class RegistrationRace000Tests(LmsApiFactory factory) : Accounts000Test(factory)
{
    private const int Rounds = 6;

    [Fact]
    public async Task Simultaneous_registrations_with_one_username_create_one_account_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var username = $"racer{round}";
            var (a, b) = await Race(
                Registration(username, $"a{round}@example.com", password: "Sturdy-Pass-A1"),
                Registration(username.ToUpperInvariant(), $"b{round}@example.com", password: "Sturdy-Pass-B2"));

            await AssertOneWinnerAndOne400(a, b, "username");
            Assert.Equal(1, await SignsIn(username, "Sturdy-Pass-A1") + await SignsIn(username, "Sturdy-Pass-B2"));
        }
    }

    [Fact]
    public async Task Simultaneous_registrations_with_one_email_create_one_account_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"shared{round}@example.com";
            var (a, b) = await Race(
                Registration($"first{round}", email, password: "Sturdy-Pass-A1"),
                Registration($"second{round}", email.ToUpperInvariant(), password: "Sturdy-Pass-B2"));

            await AssertOneWinnerAndOne400(a, b, "email");
            Assert.Equal(1, await SignsIn($"first{round}", "Sturdy-Pass-A1") + await SignsIn($"second{round}", "Sturdy-Pass-B2"));
        }
    }

    private Task<(HttpResponseMessage A, HttpResponseMessage B)> Race(JsonObject first, JsonObject second) =>
        RacePosts("/api/auth/register/", first, second);

    private static async Task AssertOneWinnerAndOne400(HttpResponseMessage a, HttpResponseMessage b, string field)
    {
        var statuses = new[] { a.StatusCode, b.StatusCode }.Order().ToArray();
        var bodies = $"{await a.Content.ReadAsStringAsync()} / {await b.Content.ReadAsStringAsync()}";
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.BadRequest]), $"{string.Join(",", statuses)}: {bodies}");
        var loser = (await Json(a.StatusCode == HttpStatusCode.BadRequest ? a : b)).AsObject();
        Assert.Equal([$"A user with that {field} already exists."], Messages(loser, field));
        Assert.Single(loser);
    }

    private async Task<int> SignsIn(string username, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username, password });
        return response.StatusCode == HttpStatusCode.OK ? 1 : 0;
    }
}
