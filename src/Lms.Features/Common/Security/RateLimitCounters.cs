using System.Globalization;

namespace Lms.Features.Common.Security;

/// <summary>One document's limits on its own routes; a 0 turns that window off.</summary>
public sealed class DocumentRateLimit
{
    /// <summary>Requests per client IP per hour (every caller, signed in or not).</summary>
    public int PerIpPerHour { get; set; }

    /// <summary>Requests per signed-in user per minute.</summary>
    public int PerUserPerMinute { get; set; }
}

/// <summary>
/// Configuration section <c>Lms:RateLimits</c>: each document's limits, applied to that document's routes only
/// (<c>Lms:RateLimits:Documents:003:PerUserPerMinute</c>). A key set in configuration changes that value and keeps the
/// other defaults.
/// </summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// By document number. 000 and 003 are their documents' words; 001, 002 and 004 state no numbers, so they bind per
    /// user (300 a minute: a dashboard that loads dozens of widgets at once, several times a minute) under a per-IP
    /// ceiling a school behind one NAT address does not reach (150 000 an hour: 500 pupils at 5 calls a minute each).
    /// </summary>
    public Dictionary<string, DocumentRateLimit> Documents { get; set; } = new(StringComparer.Ordinal)
    {
        ["000"] = new() { PerIpPerHour = 1000 },
        ["001"] = new() { PerUserPerMinute = 300, PerIpPerHour = 150_000 },
        ["002"] = new() { PerUserPerMinute = 300, PerIpPerHour = 150_000 },
        ["003"] = new() { PerUserPerMinute = 100, PerIpPerHour = 1000 },
        ["004"] = new() { PerUserPerMinute = 300, PerIpPerHour = 150_000 },
    };

    /// <summary>The limits of one document (none when its key was removed).</summary>
    public DocumentRateLimit For(ApiDocument document) =>
        Documents.TryGetValue(RateLimitCounters.Number(document), out var limit) ? limit : new DocumentRateLimit();

    /// <summary>Refuses, at start-up, a document key that is not 000 … 004 or a negative limit (a typo would otherwise do nothing).</summary>
    public RateLimitSettings Validated()
    {
        foreach (var (key, limit) in Documents)
        {
            if (!RateLimitCounters.AllDocuments.Any(d => RateLimitCounters.Number(d) == key))
                throw new InvalidOperationException($"Lms:RateLimits:Documents:{key}: not a document number (000 … 004).");
            if (limit is null || limit.PerIpPerHour < 0 || limit.PerUserPerMinute < 0)
                throw new InvalidOperationException($"Lms:RateLimits:Documents:{key}: limits are 0 (off) or more.");
        }
        return this;
    }
}

/// <summary>What one request was told: allowed or not, and the window the X-RateLimit-* headers report (none when unlimited).</summary>
public readonly record struct RateLimitDecision(bool Allowed, RateLimitWindow? Reported, int RetryAfterSeconds);

/// <summary>A window as the headers show it: its limit, what is left after this request, and when it ends.</summary>
public readonly record struct RateLimitWindow(int Limit, int Remaining, DateTimeOffset Reset);

/// <summary>
/// Fixed-window counters per document, per IP (an hour) and per signed-in user (a minute). A request is counted in the
/// buckets of the documents its route belongs to, so a 000 route never spends 003's budget. A route of several
/// documents (<c>/api/courses/courses/</c> is 000's and 002's) is allowed while any of its documents' limits still
/// admit it (the caller may be that document's client, and refusing it under another document's stricter limit would
/// break that client), and is counted in every document that admitted it. A document admits a request when all its
/// windows have room; a refused request is counted nowhere, so a caller past its own per-user limit does not drain
/// the per-IP budget its classmates share. Counters live in this process's memory, as the login throttle's do.
/// </summary>
public sealed class RateLimitCounters(RateLimitSettings settings)
{
    public static readonly ApiDocument[] AllDocuments =
        [ApiDocument.Doc000, ApiDocument.Doc001, ApiDocument.Doc002, ApiDocument.Doc003, ApiDocument.Doc004];

    private static readonly TimeSpan IpWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan UserWindow = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _requests;

    /// <summary>The document's number as configuration and partition keys spell it ("003").</summary>
    public static string Number(ApiDocument document) => document switch
    {
        ApiDocument.Doc000 => "000",
        ApiDocument.Doc001 => "001",
        ApiDocument.Doc002 => "002",
        ApiDocument.Doc003 => "003",
        ApiDocument.Doc004 => "004",
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, "one document"),
    };

    /// <summary>Live windows (for the bound on memory: expired ones are swept every 1024 requests).</summary>
    public int LiveWindows
    {
        get
        {
            lock (_lock) return _windows.Count;
        }
    }

    /// <summary>Counts one request to a route of <paramref name="documents"/> from <paramref name="ip"/>, by <paramref name="userId"/> when signed in.</summary>
    public RateLimitDecision Hit(ApiDocument documents, string ip, long? userId, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (++_requests % 1024 == 0) Sweep(now);

            var admitting = new List<Window[]>();
            var unlimited = false;
            Window? soonestFree = null;
            foreach (var document in AllDocuments.Where(d => documents.HasFlag(d)))
            {
                var windows = WindowsOf(document, ip, userId, now);
                if (windows.Length == 0)
                {
                    unlimited = true;
                    continue;
                }
                var exhausted = windows.Where(w => w.Used >= w.Limit).MaxBy(w => w.End);
                if (exhausted is null)
                {
                    admitting.Add(windows);
                }
                else if (soonestFree is null || exhausted.End < soonestFree.End)
                {
                    soonestFree = exhausted; // the document that admits again first
                }
            }

            if (!unlimited && admitting.Count == 0)
            {
                if (soonestFree is null) return new RateLimitDecision(true, null, 0); // a route of no document
                var retry = Math.Max(1, (int)Math.Ceiling((soonestFree.End - now).TotalSeconds));
                return new RateLimitDecision(false, soonestFree.Report(), retry);
            }

            foreach (var w in admitting.SelectMany(ws => ws)) w.Used++;
            if (unlimited) return new RateLimitDecision(true, null, 0);
            // Each document's binding window is its tightest; the caller can go on while the loosest document admits.
            var reported = admitting
                .Select(ws => ws.Select(w => w.Report()).OrderBy(r => r.Remaining).ThenByDescending(r => r.Reset).First())
                .OrderByDescending(r => r.Remaining).ThenBy(r => r.Reset).First();
            return new RateLimitDecision(true, reported, 0);
        }
    }

    private Window[] WindowsOf(ApiDocument document, string ip, long? userId, DateTimeOffset now)
    {
        var limit = settings.For(document);
        var number = Number(document);
        var windows = new List<Window>(2);
        if (userId is { } id && limit.PerUserPerMinute > 0)
            windows.Add(Open($"{number}|user|{id.ToString(CultureInfo.InvariantCulture)}", limit.PerUserPerMinute, UserWindow, now));
        if (limit.PerIpPerHour > 0)
            windows.Add(Open($"{number}|ip|{ip}", limit.PerIpPerHour, IpWindow, now));
        return [.. windows];
    }

    private Window Open(string key, int limit, TimeSpan length, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var w) || now >= w.End)
        {
            w = new Window(limit, now + length);
            _windows[key] = w;
        }
        return w;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var key in _windows.Where(p => now >= p.Value.End).Select(p => p.Key).ToList()) _windows.Remove(key);
    }

    private sealed class Window(int limit, DateTimeOffset end)
    {
        public int Limit { get; } = limit;
        public DateTimeOffset End { get; } = end;
        public int Used { get; set; }

        public RateLimitWindow Report() => new(Limit, Math.Max(0, Limit - Used), End);
    }
}
