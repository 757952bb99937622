using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Hosting;

namespace Lms.Features.Common.Surfaces;

/// <summary>
/// The documents of a path that matched no endpoint (404, 405), derived from the mapped endpoints so an unknown path
/// answers in the format of its neighbours and a new route needs no table entry.
/// <para>
/// Each route that declares its documents contributes its literal prefix (the segments before its first parameter:
/// <c>/api/courses/{id}/</c> gives <c>/api/courses/</c>) and, as a weaker neighbour, every shorter prefix of two or
/// more segments. A path takes the longest prefix it starts with (segment by segment, ignoring case); at one length a
/// route's own prefix beats a mere neighbour, and the routes of one prefix union their documents. A root segment
/// alone (<c>/api/</c>) names no neighbourhood unless a route's literal prefix is exactly that root, so any other path
/// answers like 000.
/// </para>
/// </summary>
public sealed class UnmatchedPaths
{
    /// <summary>The answer for a path no prefix covers.</summary>
    public const ApiDocument Default = ApiDocument.Doc000;

    private readonly Dictionary<string, (ApiDocument Own, ApiDocument Neighbours)> _prefixes;
    private readonly int _deepest;

    private UnmatchedPaths(Dictionary<string, (ApiDocument Own, ApiDocument Neighbours)> prefixes)
    {
        _prefixes = prefixes;
        _deepest = prefixes.Keys.Select(k => Segments(k).Length).DefaultIfEmpty(0).Max();
    }

    /// <summary>The table of the host's endpoints, built once (the endpoints are mapped before the first request).</summary>
    public static UnmatchedPaths From(EndpointDataSource endpoints) => From(endpoints.Endpoints);

    public static UnmatchedPaths From(IEnumerable<Endpoint> endpoints)
    {
        var prefixes = new Dictionary<string, (ApiDocument Own, ApiDocument Neighbours)>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var documents = endpoint.Metadata.GetMetadata<DocumentSurface>()?.Documents ?? ApiDocument.None;
            if (documents == ApiDocument.None) continue;
            var literal = LiteralSegments(endpoint.RoutePattern);
            if (literal.Count == 0) continue;
            Add(prefixes, Key(literal), documents, own: true);
            for (var n = literal.Count - 1; n >= 2; n--) Add(prefixes, Key(literal.Take(n)), documents, own: false);
        }
        return new UnmatchedPaths(prefixes);
    }

    /// <summary>The documents whose format answers for <paramref name="path"/>.</summary>
    public ApiDocument DocumentsOf(PathString path)
    {
        var segments = Segments(path.Value);
        for (var n = Math.Min(segments.Length, _deepest); n >= 1; n--)
        {
            if (!_prefixes.TryGetValue(Key(segments.Take(n)), out var entry)) continue;
            if (entry.Own != ApiDocument.None) return entry.Own;
            if (entry.Neighbours != ApiDocument.None) return entry.Neighbours;
        }
        return Default;
    }

    private static void Add(Dictionary<string, (ApiDocument Own, ApiDocument Neighbours)> prefixes, string key,
        ApiDocument documents, bool own)
    {
        prefixes.TryGetValue(key, out var entry);
        prefixes[key] = own ? (entry.Own | documents, entry.Neighbours) : (entry.Own, entry.Neighbours | documents);
    }

    private static List<string> LiteralSegments(RoutePattern pattern)
    {
        var literal = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            if (!segment.IsSimple || segment.Parts[0] is not RoutePatternLiteralPart part) break;
            literal.Add(part.Content);
        }
        return literal;
    }

    private static string[] Segments(string? path) =>
        (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Key(IEnumerable<string> segments) => "/" + string.Join('/', segments) + "/";
}

public static class UnmatchedPathsRegistration
{
    /// <summary>
    /// Registers the host's <see cref="UnmatchedPaths"/>, built from its <see cref="EndpointDataSource"/> once the host
    /// has started (every endpoint is mapped by then), so no request pays for it.
    /// </summary>
    public static IServiceCollection AddUnmatchedPaths(this IServiceCollection services)
    {
        services.AddSingleton(sp => UnmatchedPaths.From(sp.GetRequiredService<EndpointDataSource>()));
        services.AddHostedService<BuildAtStart>();
        return services;
    }

    private sealed class BuildAtStart(IHostApplicationLifetime lifetime, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() => services.GetRequiredService<UnmatchedPaths>());
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
