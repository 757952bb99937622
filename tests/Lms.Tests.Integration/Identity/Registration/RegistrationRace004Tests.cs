using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Registration;

/// <summary>
/// Two teacher registrations racing for one username or e-mail: exactly one 201 and one clean 400 naming the field,
/// whether the friendly pre-check or the unique index caught the loser. Several rounds, so both paths get exercised.
/// </summary>
public sealed class RegistrationRace004Tests(LmsApiFactory factory) : Accounts004Test(factory)
{
    private const int Rounds = 6;

    [Fact]
    public async Task Simultaneous_registrations_with_one_username_give_one_201_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var username = $"racer{round}";
            var (a, b) = await Race(TeacherBody(username, $"a{round}@example.com"), TeacherBody(username.ToUpperInvariant(), $"b{round}@example.com"));

            await AssertOneWinner(a, b, "username", "A user with that username already exists.");
        }
    }

    [Fact]
    public async Task Simultaneous_registrations_with_one_email_give_one_201_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"shared{round}@example.com";
            var (a, b) = await Race(TeacherBody($"first{round}", email), TeacherBody($"second{round}", email.ToUpperInvariant()));

            await AssertOneWinner(a, b, "email", "Email already exists.");
        }
    }

    [Fact]
    public async Task Simultaneous_registrations_with_one_phone_give_one_201_and_one_400()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var phone = NewPhone();
            var (a, b) = await Race(TeacherBody($"first{round}", phone: phone), TeacherBody($"second{round}", phone: phone));

            await AssertOneWinner(a, b, "phone", "Phone already exists.");
        }
    }

    private Task<(HttpResponseMessage A, HttpResponseMessage B)> Race(object first, object second) =>
        RacePosts("/api/teacher/teacher-register/", first, second);


    private static async Task AssertOneWinner(HttpResponseMessage a, HttpResponseMessage b, string field, string message)
    {
        var statuses = new[] { a.StatusCode, b.StatusCode }.Order().ToArray();
        var bodies = $"{await a.Content.ReadAsStringAsync()} / {await b.Content.ReadAsStringAsync()}";
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.BadRequest]), $"{string.Join(",", statuses)}: {bodies}");
        var loser = await Json(a.StatusCode == HttpStatusCode.BadRequest ? a : b);
        Assert.Equal([message], Messages(loser, field));
        Assert.Equal([message], Messages(loser["field_errors"]!, field));
        Assert.Equal(2, loser.AsObject().Count(p => p.Key is not ("error" or "detail")));
    }
}
