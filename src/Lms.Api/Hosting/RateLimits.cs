using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;

namespace Lms.Api.Hosting;

/// <summary>Configuration section <c>Lms:RateLimits</c>: 003's rules, applied to every API route.</summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;
    public int PerIpPerHour { get; set; } = 1000;
    public int PerUserPerMinute { get; set; } = 100;
}

/// <summary>
/// 003's limits (per IP per hour, per user per minute) on System.Threading.RateLimiting's fixed-window limiter,
/// one limiter per partition, with the <c>X-RateLimit-Limit/Remaining/Reset</c> headers 003 documents and a 429 in
/// the route's error format. Partitions are kept here (not in PartitionedRateLimiter) because the headers need each
/// window's end, which the built-in partitioned limiter does not expose.
/// </summary>
internal sealed class RateLimits(RateLimitSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private long _requests;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!settings.Enabled || http.GetEndpoint()?.Metadata.GetMetadata<DocumentSurface>() is null)
        {
            await next(http);
            return;
        }
        if (Interlocked.Increment(ref _requests) % 1024 == 0) Sweep();

        var now = clock.GetUtcNow();
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var ipCheck = Acquire("ip:" + ip, settings.PerIpPerHour, TimeSpan.FromHours(1), now);
        var userId = http.User.UserIdOrNull();
        var check = ipCheck;
        if (ipCheck.Allowed && userId is not null)
        {
            check = Acquire("user:" + userId.Value.ToString(CultureInfo.InvariantCulture), settings.PerUserPerMinute, TimeSpan.FromMinutes(1), now);
        }
        // Report the window that binds this caller: the per-user one when signed in, else the per-IP one.
        var headers = userId is not null && ipCheck.Allowed ? check : ipCheck;
        http.Response.Headers["X-RateLimit-Limit"] = headers.Limit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Remaining"] = headers.Remaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Reset"] = headers.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        if (!check.Allowed)
        {
            var retry = Math.Max(1, (int)Math.Ceiling((check.Reset - now).TotalSeconds));
            http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            await ErrorBody.WriteAsync(http, 429, "RATE_LIMITED", $"Request was throttled. Expected available in {retry} seconds.");
            return;
        }
        await next(http);
    }

    private Check Acquire(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        var partition = _partitions.GetOrAdd(key, _ => new Partition(limit, window, now));
        lock (partition)
        {
            if (now >= partition.WindowEnd)
            {
                partition.Reset(now);
            }
            using var lease = partition.Limiter.AttemptAcquire();
            var remaining = (int)(partition.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);
            return new Check(lease.IsAcquired, limit, remaining, partition.WindowEnd);
        }
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, partition) in _partitions)
        {
            if (now >= partition.WindowEnd && _partitions.TryRemove(key, out var removed)) removed.Dispose();
        }
    }

    private readonly record struct Check(bool Allowed, int Limit, int Remaining, DateTimeOffset Reset);

    private sealed class Partition(int limit, TimeSpan window, DateTimeOffset now) : IDisposable
    {
        public FixedWindowRateLimiter Limiter { get; private set; } = Create(limit, window);
        public DateTimeOffset WindowEnd { get; private set; } = now + window;

        /// <summary>A new window: a fresh limiter (the limiter's own replenishment runs on its clock, not ours).</summary>
        public void Reset(DateTimeOffset at)
        {
            Limiter.Dispose();
            Limiter = Create(limit, window);
            WindowEnd = at + window;
        }

        public void Dispose() => Limiter.Dispose();

        private static FixedWindowRateLimiter Create(int limit, TimeSpan window) => new(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = false,
        });
    }
}
