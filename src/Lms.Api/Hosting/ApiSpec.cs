using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Lms.Api.Hosting;

/// <summary>One operation of <c>docs/spec/endpoints.json</c>: its document (000 … 004), section, name, method, path and line.</summary>
internal sealed record SpecOperation(
    [property: JsonPropertyName("seed")] string Document,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("doc_line")] int DocLine)
{
    /// <summary>The OpenAPI tag of the operation: its document and section, "003 Courses".</summary>
    public string Tag => $"{Document} {Section}";

    /// <summary>"POST /api/courses/" as the document writes it.</summary>
    public override string ToString() => $"{Document} {Method} {Path}";
}

/// <summary>
/// What a mapped route (method and route pattern) serves of the documents: the operations it answers, and whether it is
/// 004's <c>/api/v1/</c> twin of a documented <c>/api/</c> route (spec decision 9).
/// </summary>
internal sealed record SpecMatch(IReadOnlyList<SpecOperation> Operations, bool IsV1Twin)
{
    public static readonly SpecMatch None = new([], false);
}

/// <summary>
/// The operations the five documents define (<c>docs/spec/endpoints.json</c>, embedded in this assembly), and how a mapped
/// route finds the ones it serves. A route and an operation match on the method and the normalised path: parameters
/// compared by position only (<c>{id:long}</c> = <c>{id}</c> = <c>{course_id}</c>), the trailing slash optional, case
/// ignored (routing ignores it too). A GET route also serves a documented WebSocket (<c>WS</c>) path. The OpenAPI
/// documents and the spec coverage test both match through here.
/// </summary>
internal sealed partial class ApiSpec
{
    /// <summary>The documents, in order.</summary>
    public static readonly IReadOnlyList<string> Documents = ["000", "001", "002", "003", "004"];

    public static ApiSpec Current { get; } = Load();

    private readonly FrozenDictionary<string, SpecOperation[]> _byKey;
    private readonly FrozenDictionary<string, int> _tagRank;

    private ApiSpec(IReadOnlyList<SpecOperation> operations)
    {
        Operations = operations;
        _byKey = operations.GroupBy(o => Key(o.Method, o.Path), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        // A document's sections in its own order: by the line where each begins (endpoints.json lists a few implied
        // operations, such as 001's token refresh from its closing notes, out of line order).
        Sections = Documents.ToFrozenDictionary(
            d => d,
            d => (IReadOnlyList<string>)operations.Where(o => o.Document == d)
                .GroupBy(o => o.Section, StringComparer.Ordinal)
                .OrderBy(g => g.Min(o => o.DocLine))
                .Select(g => g.Key)
                .ToArray(),
            StringComparer.Ordinal);
        _tagRank = Documents
            .SelectMany(d => Sections[d].Select(s => $"{d} {s}"))
            .Select((tag, rank) => (tag, rank))
            .ToFrozenDictionary(x => x.tag, x => x.rank, StringComparer.Ordinal);
    }

    /// <summary>All 416 operations, in the order of endpoints.json.</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>Each document's sections, in the document's order.</summary>
    public FrozenDictionary<string, IReadOnlyList<string>> Sections { get; }

    /// <summary>The position of an OpenAPI tag: documents 000 → 004, each in its own section order; other tags after them.</summary>
    public int TagRank(string tag) => _tagRank.TryGetValue(tag, out var rank) ? rank : int.MaxValue;

    /// <summary>The documented operations a route serves with this method.</summary>
    public SpecMatch Match(string method, string routePattern)
    {
        var path = NormalisePath(routePattern);
        if (path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            var twin = Find(method, "/api/" + path["/api/v1/".Length..]).Where(o => o.Document == "004").ToArray();
            if (twin.Length > 0) return new SpecMatch(twin, true);
        }
        var operations = Find(method, path).ToArray();
        return operations.Length == 0 ? SpecMatch.None : new SpecMatch(operations, false);
    }

    private IEnumerable<SpecOperation> Find(string method, string path)
    {
        method = method.ToUpperInvariant();
        var found = _byKey.GetValueOrDefault($"{method} {path}", []);
        return method == "GET" ? found.Concat(_byKey.GetValueOrDefault($"WS {path}", [])) : found;
    }

    /// <summary>"GET /api/courses/{}" for a method and a path or route pattern.</summary>
    public static string Key(string method, string path) => $"{method.ToUpperInvariant()} {NormalisePath(path)}";

    /// <summary>A path or route pattern with every parameter as <c>{}</c>, no trailing slash, lower case, one leading slash.</summary>
    public static string NormalisePath(string path)
    {
        var p = Parameter().Replace(path.Trim(), "{}").TrimEnd('/').ToLowerInvariant();
        return "/" + p.TrimStart('/');
    }

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Parameter();

    private static ApiSpec Load()
    {
        using var stream = typeof(ApiSpec).Assembly.GetManifestResourceStream("Lms.Api.endpoints.json")
            ?? throw new InvalidOperationException("docs/spec/endpoints.json is not embedded in Lms.Api (see Lms.Api.csproj).");
        var operations = JsonSerializer.Deserialize<SpecOperation[]>(stream)
            ?? throw new InvalidOperationException("docs/spec/endpoints.json is empty.");
        return new ApiSpec(operations);
    }
}
