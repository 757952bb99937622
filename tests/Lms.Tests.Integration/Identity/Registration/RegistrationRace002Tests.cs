using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>
/// Two 002 sign-ups racing for one e-mail (or phone): the unique indexes decide, and the loser gets the same clean 400
/// as the friendly pre-check. Several rounds, so both paths get exercised.
/// </summary>
public sealed class RegistrationRace002Tests(LmsApiFactory factory) : Accounts002Test(factory)
{
    private const int Rounds = 6;

    [Fact]
    public async Task Simultaneous_registrations_with_one_email_create_one_account_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"racer{round}@example.com";
            var (a, b) = await Race(
                Registration(email, "First Racer", password: "Sturdy-Pass-A1"),
                Registration(email.ToUpperInvariant(), "Second Racer", password: "Sturdy-Pass-B2"));

            var loser = await AssertOneWinnerAndOne400(a, b);
            Assert.Equal(["A user with this email already exists."], Messages(loser, "email"));
            var signedIn = await SignsIn(email, "Sturdy-Pass-A1") + await SignsIn(email, "Sturdy-Pass-B2");
            Assert.Equal(1, signedIn);
        }
    }

    [Fact]
    public async Task Simultaneous_registrations_with_one_phone_create_one_account_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var phone = $"+2010000000{round}";
            var (a, b) = await Race(
                Registration($"phone-a{round}@example.com", phone: phone),
                Registration($"phone-b{round}@example.com", phone: phone));

            var loser = await AssertOneWinnerAndOne400(a, b);
            Assert.Equal(["A user with this phone number already exists."], Messages(loser, "phone"));
            var signedIn = await SignsIn($"phone-a{round}@example.com", Password) + await SignsIn($"phone-b{round}@example.com", Password);
            Assert.Equal(1, signedIn);
        }
    }

    private Task<(HttpResponseMessage A, HttpResponseMessage B)> Race(object first, object second) =>
        RacePosts("/api/users/auth/register/", first, second);


    private static async Task<System.Text.Json.Nodes.JsonNode> AssertOneWinnerAndOne400(HttpResponseMessage a, HttpResponseMessage b)
    {
        var statuses = new[] { a.StatusCode, b.StatusCode }.Order().ToArray();
        var bodies = $"{await a.Content.ReadAsStringAsync()} / {await b.Content.ReadAsStringAsync()}";
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.BadRequest]), $"{string.Join(",", statuses)}: {bodies}");
        var loser = await Json(a.StatusCode == HttpStatusCode.BadRequest ? a : b);
        Assert.False(loser.AsObject().ContainsKey("success"));
        Assert.False(loser.AsObject().ContainsKey("detail"));
        return loser;
    }

    private async Task<int> SignsIn(string email, string password)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email, password });
        return response.StatusCode == HttpStatusCode.OK ? 1 : 0;
    }
}
