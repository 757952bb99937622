using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;
using Lms.Tests.Integration.Platform;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// Finding 4 (low/medium): the per-account login throttle counted an account's username and its e-mail as two
/// buckets, doubling an attacker's guesses. One account is one bucket, whichever of its names is typed, in whichever
/// case or compatibility form, through whichever document. (The security test class's throttle part; it needs the
/// tiny throttle host.)
/// </summary>
public sealed class AccountThrottleSecurityTests(ThrottledApiFactory factory) : IClassFixture<ThrottledApiFactory>
{
    [Fact]
    public async Task Username_and_email_guesses_share_one_bucket_so_the_fourth_guess_by_either_name_is_refused()
    {
        var ip = 0;
        HttpClient Next() => factory.ClientFrom($"10.7.0.{++ip}"); // a new IP each time: only the account bucket can refuse
        // The bootstrap admin: username "admin", e-mail "admin@example.com". Three guesses, three spellings.
        var guesses = new[]
        {
            await Next().PostAsJsonAsync("/api/token/", new { username = LmsApiFactory.AdminUsername, password = "guess-1x" }),
            await Next().PostAsJsonAsync("/api/auth/login/", new { username = "ADMIN@example.com", password = "guess-2x" }),
            await Next().PostAsJsonAsync("/api/users/auth/login/", new { email = "ａｄｍｉｎ@example.com", password = "guess-3x" }),
        };
        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));

        // The right password, by the name not used yet in this form, is the fourth try of the one account.
        var fourth = await Next().PostAsJsonAsync("/accounts/clients/1/user/login/",
            new { email = "admin@example.com", password = LmsApiFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
    }

    [Fact]
    public async Task Guesses_at_an_unknown_name_are_throttled_under_its_key_in_any_spelling()
    {
        var ip = 0;
        HttpClient Next() => factory.ClientFrom($"10.7.1.{++ip}");
        foreach (var name in new[] { "nobody.here", "NOBODY.HERE", "ｎｏｂｏｄｙ.ｈｅｒｅ" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await Next().PostAsJsonAsync("/api/token/", new { username = name, password = "x-guess-1" })).StatusCode);

        var fourth = await Next().PostAsJsonAsync("/api/token/", new { username = "Nobody.Here", password = "x-guess-1" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }
}
