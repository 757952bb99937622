using System.Net;
using Lms.Features.Common.Errors;

namespace Lms.Tests.Unit.Identity.SignIn.Google;

public class GoogleKeySetTests
{
    private readonly FakeGoogle _google = new();

    [Fact]
    public async Task Keys_are_fetched_once_and_reused_within_the_cache_time()
    {
        _google.AddKey("a");
        using var keys = _google.KeySet();

        await keys.KeysForAsync("a", CancellationToken.None);
        _google.Clock.Advance(TimeSpan.FromMinutes(59));
        var again = await keys.KeysForAsync("a", CancellationToken.None);

        Assert.Equal(1, _google.Requests);
        Assert.Equal("a", Assert.Single(again).KeyId);
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_an_hour()
    {
        _google.AddKey("a");
        using var keys = _google.KeySet();
        await keys.KeysForAsync("a", CancellationToken.None);

        _google.Clock.Advance(TimeSpan.FromMinutes(61));
        await keys.KeysForAsync("a", CancellationToken.None);

        Assert.Equal(2, _google.Requests);
    }

    [Fact]
    public async Task An_unknown_key_id_refetches_once_then_waits_out_the_interval()
    {
        _google.AddKey("a");
        using var keys = _google.KeySet();
        await keys.KeysForAsync("a", CancellationToken.None);
        _google.Clock.Advance(TimeSpan.FromSeconds(61));
        _google.AddKey("b");

        var rotated = await keys.KeysForAsync("b", CancellationToken.None);
        await keys.KeysForAsync("forged", CancellationToken.None);
        await keys.KeysForAsync("forged", CancellationToken.None);

        Assert.Equal(["a", "b"], rotated.Select(k => k.KeyId));
        Assert.Equal(2, _google.Requests);
        _google.Clock.Advance(TimeSpan.FromSeconds(61));
        await keys.KeysForAsync("forged", CancellationToken.None);
        Assert.Equal(3, _google.Requests);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_fetch()
    {
        _google.AddKey("a");
        using var keys = _google.KeySet();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => keys.KeysForAsync("a", CancellationToken.None))));

        Assert.Equal(1, _google.Requests);
    }

    [Fact]
    public async Task When_google_fails_the_previous_keys_stay_in_use()
    {
        _google.AddKey("a");
        using var keys = _google.KeySet();
        await keys.KeysForAsync("a", CancellationToken.None);
        _google.Clock.Advance(TimeSpan.FromHours(2));
        _google.Status = HttpStatusCode.InternalServerError;

        var stale = await keys.KeysForAsync("a", CancellationToken.None);

        Assert.Equal("a", Assert.Single(stale).KeyId);
        Assert.Equal(2, _google.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.OK, "not json")]
    [InlineData(HttpStatusCode.OK, "{\"keys\": []}")]
    public async Task Without_any_keys_a_failed_fetch_is_a_503(HttpStatusCode status, string? body)
    {
        _google.Status = status;
        _google.Body = body;
        using var keys = _google.KeySet();

        var error = await Assert.ThrowsAsync<ServiceUnavailable>(() => keys.KeysForAsync("a", CancellationToken.None));

        Assert.Equal(503, error.Status);
    }
}
