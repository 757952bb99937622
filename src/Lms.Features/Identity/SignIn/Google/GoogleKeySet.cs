using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Features.Identity.SignIn.Google;

/// <summary>
/// Google's public signing keys, fetched from <see cref="GoogleSettings.JwksUrl"/> with the named HttpClient
/// <see cref="HttpClientName"/> and kept for <see cref="GoogleSettings.KeysCacheMinutes"/>. A key id the cached set lacks
/// triggers one early re-fetch (Google rotates keys), rate-limited by <see cref="GoogleSettings.UnknownKeyRefetchSeconds"/>.
/// One fetch at a time; when a fetch fails the previous keys stay in use, and with none at all sign-in answers 503.
/// </summary>
public sealed class GoogleKeySet(IHttpClientFactory httpClients, IOptionsMonitor<GoogleSettings> options, TimeProvider clock,
    ILogger<GoogleKeySet> logger) : IDisposable
{
    public const string HttpClientName = "google-jwks";
    public const string Unavailable = "Google sign-in is temporarily unavailable. Please try again later.";

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile Snapshot? _current;

    private sealed record Snapshot(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);

    /// <summary>How many times the keys were fetched (for tests and diagnostics).</summary>
    public int Fetches => _fetches;
    private int _fetches;

    /// <summary>The signing keys to validate a token whose header names <paramref name="keyId"/>.</summary>
    public async Task<IReadOnlyList<SecurityKey>> KeysForAsync(string? keyId, CancellationToken ct)
    {
        if (Usable(_current, keyId) is { } keys) return keys;
        await _fetching.WaitAsync(ct);
        try
        {
            // Another request may have fetched while this one waited.
            if (Usable(_current, keyId) is { } fetched) return fetched;
            return await FetchAsync(ct);
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>The cached keys when they are fresh and either know the key id or may not be re-fetched yet.</summary>
    private IReadOnlyList<SecurityKey>? Usable(Snapshot? snapshot, string? keyId)
    {
        if (snapshot is null) return null;
        var s = options.CurrentValue;
        var age = clock.GetUtcNow() - snapshot.FetchedAt;
        // A clock that went backwards makes the cache stale rather than fresh forever.
        if (age < TimeSpan.Zero || age >= TimeSpan.FromMinutes(Math.Max(1, s.KeysCacheMinutes))) return null;
        if (keyId is null || snapshot.Keys.Any(k => k.KeyId == keyId)) return snapshot.Keys;
        return age < TimeSpan.FromSeconds(Math.Max(0, s.UnknownKeyRefetchSeconds)) ? snapshot.Keys : null;
    }

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(CancellationToken ct)
    {
        var s = options.CurrentValue;
        Interlocked.Increment(ref _fetches);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, s.TimeoutSeconds)));
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(s.JwksUrl), HttpCompletionOption.ResponseContentRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadAsStringAsync(timeout.Token);
            if (json.Length > 1_000_000) throw new InvalidDataException("The key set is too large.");
            var keys = new JsonWebKeySet(json).GetSigningKeys().Where(k => !string.IsNullOrEmpty(k.KeyId)).ToList();
            if (keys.Count == 0) throw new InvalidDataException("The key set has no signing keys.");
            _current = new Snapshot(keys, clock.GetUtcNow());
            return keys;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ArgumentException or InvalidDataException
                                      or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not fetch Google's signing keys from {Url}", s.JwksUrl);
            if (_current is { } previous) return previous.Keys;
            throw new ServiceUnavailable(Unavailable);
        }
    }

    public void Dispose() => _fetching.Dispose();
}
