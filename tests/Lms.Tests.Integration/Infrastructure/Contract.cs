using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapshooter;
using Snapshooter.Xunit;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// Contract snapshots: status, the headers a client relies on, and the body, with ids, times, tokens and hosts
/// scrubbed so the snapshot holds only the shape and the stable values.
/// </summary>
public static partial class Contract
{
    private static readonly HashSet<string> ScrubbedKeys = new(StringComparer.Ordinal)
    {
        "id", "access", "refresh", "access_token", "refresh_token", "created_at", "updated_at", "date_joined", "enrolled_at", "completed_at", "last_login",
    };

    private static readonly string[] KeptHeaders = ["Content-Type", "WWW-Authenticate", "Retry-After", "Location"];

    public static Task Match(HttpResponseMessage response, string name) => MatchDocumented(response, name, []);

    /// <summary>
    /// The documented shape of a response that also carries fields an app reads beside the document's: the fields at
    /// <paramref name="appOnly"/> (dotted paths such as <c>user.role</c>; <c>results[].x</c> for every item) are left out,
    /// so the documented snapshot stays the document's, and a second snapshot without them holds the whole answer.
    /// </summary>
    public static async Task MatchDocumented(HttpResponseMessage response, string name, params string[] appOnly)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = string.IsNullOrEmpty(text) ? null : Scrub(JsonNode.Parse(text));
        foreach (var path in appOnly) Remove(body, path.Split('.'));
        var headers = new JsonObject();
        foreach (var h in KeptHeaders)
        {
            if (Values(response, h) is { } v) headers[h] = ScrubText(v);
        }
        foreach (var h in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset" })
        {
            if (Values(response, h) is not null) headers[h] = "<present>";
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

    private static JsonNode? Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is null) continue;
                    // Only values are scrubbed: a field error list under "refresh" or "access" stays readable.
                    if ((ScrubbedKeys.Contains(key) || key.EndsWith("_id", StringComparison.Ordinal)) && value is JsonValue)
                        o[key] = value.GetValueKind() == JsonValueKind.Number ? "<number>" : "<string>";
                    else if (key is "instructor" or "student" && value is JsonValue)
                        o[key] = "<number>";
                    else if (key is "next" or "previous" && value is JsonValue)
                        o[key] = ScrubText(value.GetValue<string>());
                    else
                        Scrub(value);
                }
                return o;
            case JsonArray a:
                foreach (var item in a) Scrub(item);
                return a;
            default:
                return node;
        }
    }

    private static string ScrubText(string s) => Digits().Replace(Host().Replace(s, "http://<host>"), "/<id>/");

    [GeneratedRegex(@"https?://[^/""]+")]
    private static partial Regex Host();

    [GeneratedRegex(@"/\d+/")]
    private static partial Regex Digits();
}
