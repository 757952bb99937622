using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Lms.Features.Common.Security;

/// <summary>Configuration section <c>Lms:Throttle</c>: abuse limits on sign-in, OTP and password-reset calls.</summary>
public sealed class ThrottleSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Attempts per account per window, for each action (sign-in counts one account under one key, whichever name was typed).</summary>
    public int PerAccount { get; set; } = 10;

    /// <summary>Attempts per client IP per window, for each action.</summary>
    public int PerIp { get; set; } = 60;

    public int WindowSeconds { get; set; } = 900;
}

/// <summary>
/// Fixed-window counters per (action, account) and per (action, IP). Login, OTP and password-reset handlers call
/// <see cref="Hit"/> before doing any work; the 429 does not say whether the account exists. Counters live in this
/// process's memory (README: several instances each count separately).
/// </summary>
public sealed class AttemptThrottle(IOptions<ThrottleSettings> options, IHttpContextAccessor http, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _calls;

    /// <summary>Counts one attempt of <paramref name="action"/>; throws 429 when the account or the IP is over its limit.</summary>
    public void Hit(string action, string? account)
    {
        var s = options.Value;
        if (!s.Enabled) return;
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref _calls) % 512 == 0) Sweep(now);

        var window = TimeSpan.FromSeconds(Math.Max(1, s.WindowSeconds));
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var retryIp = Count($"{action}|ip|{ip}", s.PerIp, window, now);
        var retryAccount = string.IsNullOrWhiteSpace(account) ? 0 : Count($"{action}|acct|{Identity.AccountRules.Key(account)}", s.PerAccount, window, now);
        var retry = Math.Max(retryIp, retryAccount);
        if (retry > 0)
            throw new TooManyRequests($"Too many attempts. Please try again in {retry} seconds.", retry)
            {
                Title = "Rate limit exceeded",
            };
    }

    /// <summary>0 when allowed, else the seconds until the window ends.</summary>
    private int Count(string key, int limit, TimeSpan length, DateTimeOffset now)
    {
        var w = _windows.GetOrAdd(key, _ => new Window(now + length));
        lock (w)
        {
            if (now >= w.End)
            {
                w.End = now + length;
                w.Count = 0;
            }
            w.Count++;
            return w.Count <= limit ? 0 : Math.Max(1, (int)Math.Ceiling((w.End - now).TotalSeconds));
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, w) in _windows)
        {
            if (now >= w.End) _windows.TryRemove(key, out _);
        }
    }

    private sealed class Window(DateTimeOffset end)
    {
        public DateTimeOffset End { get; set; } = end;
        public int Count { get; set; }
    }
}
