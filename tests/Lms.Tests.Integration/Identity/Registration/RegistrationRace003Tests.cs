using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>
/// Two registrations racing for one username or e-mail: the unique indexes decide, the loser gets a clean 409.
/// Several rounds, so that both the friendly pre-check and the index path get exercised.
/// </summary>
public sealed class RegistrationRace003Tests(LmsApiFactory factory) : ApiTest(factory)
{
    private const int Rounds = 6;

    [Fact]
    public async Task Simultaneous_registrations_with_one_username_create_one_account_and_one_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var username = $"racer{round}";
            var (a, b) = await Race(
                new { username, email = $"a{round}@example.com", password = "Sturdy-Pass-A1", role = "student" },
                new { username = username.ToUpperInvariant(), email = $"b{round}@example.com", password = "Sturdy-Pass-B2", role = "student" });

            await AssertOneWinnerAndOneConflict(a, b, "username");
            var signedIn = await SignsIn(username, "Sturdy-Pass-A1") + await SignsIn(username, "Sturdy-Pass-B2");
            Assert.Equal(1, signedIn);
        }
    }

    [Fact]
    public async Task Simultaneous_registrations_with_one_email_create_one_account_and_one_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"shared{round}@example.com";
            var (a, b) = await Race(
                new { username = $"first{round}", email, password = "Sturdy-Pass-A1" },
                new { username = $"second{round}", email = email.ToUpperInvariant(), password = "Sturdy-Pass-B2" });

            await AssertOneWinnerAndOneConflict(a, b, "email");
            var accounts = await SignsIn($"first{round}", "Sturdy-Pass-A1") + await SignsIn($"second{round}", "Sturdy-Pass-B2");
            Assert.Equal(1, accounts);
        }
    }

    private Task<(HttpResponseMessage A, HttpResponseMessage B)> Race(object first, object second) =>
        RacePosts("/api/users/register/", first, second);


    /// <summary>The loser gets the same 409 whether the pre-check or the unique index caught it.</summary>
    private static async Task AssertOneWinnerAndOneConflict(HttpResponseMessage a, HttpResponseMessage b, string field)
    {
        var statuses = new[] { a.StatusCode, b.StatusCode }.Order().ToArray();
        var bodies = $"{await a.Content.ReadAsStringAsync()} / {await b.Content.ReadAsStringAsync()}";
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]), $"{string.Join(",", statuses)}: {bodies}");
        var loser = a.StatusCode == HttpStatusCode.Conflict ? a : b;
        var body = await Json(loser);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("CONFLICT", body["error_code"]!.GetValue<string>());
        Assert.Equal($"A user with that {field} already exists.", body["message"]!.GetValue<string>());
        Assert.Equal([$"A user with that {field} already exists."], body["details"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    private async Task<int> SignsIn(string username, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/token/", new { username, password });
        return response.StatusCode == HttpStatusCode.OK ? 1 : 0;
    }
}
