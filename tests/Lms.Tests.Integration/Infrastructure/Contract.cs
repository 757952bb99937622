using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapshooter;
using Snapshooter.Xunit;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// Contract snapshots: status, the headers a client relies on, and the body, scrubbed by value so the snapshot holds the
/// shape and the stable values. Within one snapshot every uuid, date-time and JWT becomes <c>&lt;uuid:1&gt;</c>,
/// <c>&lt;datetime:1&gt;</c>, <c>&lt;jwt:1&gt;</c> …, numbered by first appearance, so equal values stay visibly equal and a
/// uuid still reads as a uuid (also inside a longer string, such as a URL); numeric ids (under <c>id</c>, <c>…_id</c> and
/// the reference keys below, and numeric segments of this server's links) become <c>&lt;id:1&gt;</c> …; this server's
/// origin becomes <c>http://&lt;host&gt;</c>. Rate-limit headers are
/// left to the rate-limit tests (<see cref="MatchWithRateLimitHeaders"/>).
/// </summary>
public static partial class Contract
{
    /// <summary>Keys whose numeric value is another document's id (a reference), besides <c>id</c> and <c>*_id</c>.</summary>
    private static readonly HashSet<string> ReferenceKeys = new(StringComparer.Ordinal) { "instructor", "student" };

    private static readonly string[] KeptHeaders = ["Content-Type", "WWW-Authenticate", "Retry-After", "Location"];
    private static readonly string[] RateLimitHeaders = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

    public static Task Match(HttpResponseMessage response, string name) => MatchDocumented(response, name, []);

    /// <summary>As <see cref="Match"/>, with the rate-limit headers (present or not) in the snapshot.</summary>
    public static Task MatchWithRateLimitHeaders(HttpResponseMessage response, string name) => Write(response, name, [], rateLimitHeaders: true);

    /// <summary>
    /// The documented shape of a response that also carries fields an app reads beside the document's: the fields at
    /// <paramref name="appOnly"/> (dotted paths such as <c>user.role</c>; <c>results[].x</c> for every item) are left out,
    /// so the documented snapshot stays the document's, and a second snapshot without them holds the whole answer.
    /// </summary>
    public static Task MatchDocumented(HttpResponseMessage response, string name, params string[] appOnly) =>
        Write(response, name, appOnly, rateLimitHeaders: false);

    private static async Task Write(HttpResponseMessage response, string name, string[] appOnly, bool rateLimitHeaders)
    {
        var text = await response.Content.ReadAsStringAsync();
        var scrubber = new Scrubber();
        var headers = new JsonObject();
        foreach (var h in KeptHeaders)
        {
            if (Values(response, h) is { } v) headers[h] = scrubber.Text(v);
        }
        JsonNode? body = string.IsNullOrEmpty(text) ? null : scrubber.Node(JsonNode.Parse(text));
        foreach (var path in appOnly) Remove(body, path.Split('.'));
        if (rateLimitHeaders)
        {
            foreach (var h in RateLimitHeaders) headers[h] = Values(response, h) is null ? "<absent>" : "<present>";
        }
        var snapshot = new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["headers"] = headers,
            ["body"] = body,
        };
        Snapshot.Match(snapshot.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), new SnapshotNameExtension(name));
    }

    private static void Remove(JsonNode? node, ReadOnlySpan<string> path)
    {
        if (node is not JsonObject o || path.IsEmpty) return;
        var key = path[0];
        if (path.Length == 1)
        {
            Assert.True(o.Remove(key), $"the app's field {key} is missing");
            return;
        }
        if (key.EndsWith("[]", StringComparison.Ordinal))
        {
            foreach (var item in o[key[..^2]]!.AsArray()) Remove(item, path[1..]);
            return;
        }
        Remove(o[key], path[1..]);
    }

    private static string? Values(HttpResponseMessage r, string name)
    {
        if (r.Headers.TryGetValues(name, out var v)) return string.Join(", ", v);
        if (r.Content.Headers.TryGetValues(name, out var c)) return string.Join(", ", c);
        return null;
    }

    /// <summary>One snapshot's numbering of the scrubbed values.</summary>
    private sealed partial class Scrubber
    {
        private readonly Dictionary<string, Dictionary<string, int>> _seen = new(StringComparer.Ordinal);

        public JsonNode? Node(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (value is JsonValue v) o[key] = Value(key, v);
                        else Node(value);
                    }
                    return o;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is JsonValue v) a[i] = Value(null, v);
                        else Node(a[i]);
                    }
                    return a;
                default:
                    return node;
            }
        }

        private JsonNode Value(string? key, JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.String) return JsonValue.Create(Text(value.GetValue<string>()));
            if (value.GetValueKind() == JsonValueKind.Number && key is not null && IsIdKey(key))
                return JsonValue.Create(Token("id", value.ToJsonString()));
            return value.DeepClone();
        }

        private static bool IsIdKey(string key) =>
            key == "id" || key.EndsWith("_id", StringComparison.Ordinal) || ReferenceKeys.Contains(key);

        /// <summary>A string with its JWTs, uuids, date-times and URL hosts (and numeric URL path segments) replaced.</summary>
        public string Text(string s)
        {
            s = Jwt().Replace(s, m => Token("jwt", m.Value));
            s = Uuid().Replace(s, m => Token("uuid", m.Value.ToLowerInvariant()));
            s = DateTime().Replace(s, m => Token("datetime", m.Value));
            // A URL or an absolute path: its host, and its numeric segments as ids.
            if (Host().IsMatch(s) || s.StartsWith('/'))
                s = PathNumber().Replace(Host().Replace(s, "http://<host>"), m => "/" + Token("id", m.Groups[1].Value));
            return s;
        }

        private string Token(string kind, string value)
        {
            if (!_seen.TryGetValue(kind, out var numbers)) _seen[kind] = numbers = new(StringComparer.Ordinal);
            if (!numbers.TryGetValue(value, out var n)) numbers[value] = n = numbers.Count + 1;
            return $"<{kind}:{n}>";
        }

        [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
        private static partial Regex Jwt();

        [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
        private static partial Regex Uuid();

        [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")]
        private static partial Regex DateTime();

        /// <summary>The test server's own origin (links it builds); a stored URL a client sent stays as sent.</summary>
        [GeneratedRegex(@"https?://localhost(:\d+)?")]
        private static partial Regex Host();

        [GeneratedRegex(@"/(\d+)(?=/)")]
        private static partial Regex PathNumber();
    }
}
