using System.Globalization;
using System.Text;
using Lms.Api.Hosting;
using Lms.Features.Common.Surfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lms.Tests.Integration.Platform;

/// <summary>A mapped route as routing holds it: one method (<c>*</c> for a route of any method), its pattern, its documents.</summary>
internal sealed record MappedRoute(string Method, string Pattern, ApiDocument Declared, string Name)
{
    public override string ToString() => $"{Method} {Pattern} ({Name})";
}

/// <summary>
/// What the app's routes serve of the documents (docs/spec/endpoints.json), computed from the real app's endpoints, never
/// from a hand list: every mapped route is matched through <see cref="ApiSpec.Match"/> (method, parameters by position,
/// optional trailing slash, 004's <c>/api/v1/</c> twin). A route that matches no operation must be one of
/// <see cref="Extras"/>, each with its reason.
/// </summary>
internal sealed class SpecCoverage
{
    /// <summary>
    /// The routes Lms maps that no document has, and why. Keep it small: a route a client needs that its document lacks
    /// goes here with the client and the reason; everything else is a documented operation.
    /// </summary>
    public static readonly IReadOnlyList<(string Method, string Path, string Reason)> Extras =
    [
        ("*", "/health/live", "liveness probe for the process manager (README): no document has health checks"),
        ("*", "/health/ready", "readiness probe, checks PostgreSQL (README)"),
        ("GET", "/openapi/{documentName}.json", "the OpenAPI documents: v1 (all routes) and 000 … 004 (each document alone)"),
        ("GET", "/docs/{documentName?}", "Scalar, the API reference over the OpenAPI documents (README); /docs redirects to /docs/"),
        ("GET", "/docs/scalar.js", "Scalar's bundled script, served from this host (the page's Content-Security-Policy allows no CDN)"),
        ("GET", "/docs/scalar.aspnetcore.js", "Scalar's ASP.NET Core glue script, served from this host"),
        ("GET", "/docs/favicon.svg", "Scalar's page icon"),
    ];

    private SpecCoverage(IReadOnlyList<MappedRoute> routes)
    {
        var spec = ApiSpec.Current;
        var served = new HashSet<SpecOperation>();
        var servedUnderV1 = new HashSet<SpecOperation>();
        var extrasUsed = new HashSet<string>(StringComparer.Ordinal);
        var unlisted = new List<MappedRoute>();
        var surfaceGaps = new List<string>();
        foreach (var route in routes)
        {
            var match = spec.Match(route.Method, route.Pattern);
            if (match.Operations.Count == 0)
            {
                var key = ApiSpec.Key(route.Method, route.Pattern);
                if (Extras.Any(e => ApiSpec.Key(e.Method, e.Path) == key)) extrasUsed.Add(key);
                else unlisted.Add(route);
                continue;
            }
            (match.IsV1Twin ? servedUnderV1 : served).UnionWith(match.Operations);
            // Spec decision 2: a route answers errors in the format of every document that documents it.
            foreach (var document in match.Operations.Select(o => o.Document).Distinct())
            {
                if (!route.Declared.HasFlag(Flag(document)))
                    surfaceGaps.Add($"{route} serves {document}'s {string.Join(", ", match.Operations.Where(o => o.Document == document))} but declares {route.Declared}");
            }
        }

        Routes = routes;
        Served = served;
        Unlisted = unlisted;
        SurfaceGaps = surfaceGaps;
        StaleExtras = Extras.Where(e => !extrasUsed.Contains(ApiSpec.Key(e.Method, e.Path)))
            .Select(e => $"{e.Method} {e.Path}: {(spec.Match(e.Method, e.Path).Operations.Count > 0 ? "documented, so not an extra" : "no route maps it")}")
            .ToList();
        // Spec decision 9: every 004 route also answers under /api/v1/; a twin alone (no /api/ route) is a gap too.
        MissingV1Twins = served.Where(o => o.Document == "004" && !servedUnderV1.Contains(o))
            .Concat(servedUnderV1.Where(o => !served.Contains(o))).ToList();
        Counts = ApiSpec.Documents
            .Select(d => (Document: d, Served: served.Count(o => o.Document == d), Total: spec.Operations.Count(o => o.Document == d)))
            .Append(("all", served.Count, spec.Operations.Count))
            .ToList();
    }

    public IReadOnlyList<MappedRoute> Routes { get; }

    /// <summary>The documented operations some route serves.</summary>
    public IReadOnlySet<SpecOperation> Served { get; }

    /// <summary>Routes that are neither a documented operation nor an extra.</summary>
    public IReadOnlyList<MappedRoute> Unlisted { get; }

    /// <summary>Extras that no route maps any more, or that a document has after all.</summary>
    public IReadOnlyList<string> StaleExtras { get; }

    /// <summary>Routes serving a document's operation without declaring that document (its error format).</summary>
    public IReadOnlyList<string> SurfaceGaps { get; }

    /// <summary>004 operations served under /api/ but not /api/v1/, or the other way round.</summary>
    public IReadOnlyList<SpecOperation> MissingV1Twins { get; }

    /// <summary><c>served/total</c> for 000 … 004, then "all".</summary>
    public IReadOnlyList<(string Document, int Served, int Total)> Counts { get; }

    /// <summary>"000: 7/73" … "all: 66/416", one per line.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        foreach (var (document, served, total) in Counts)
            text.Append(CultureInfo.InvariantCulture, $"{document}: {served}/{total}").Append('\n');
        return text.ToString();
    }

    public static SpecCoverage Of(IEnumerable<Endpoint> endpoints) => new(RoutesOf(endpoints));

    /// <summary>Every (method, pattern) the endpoints map; a route without method metadata answers any method (<c>*</c>).</summary>
    public static IReadOnlyList<MappedRoute> RoutesOf(IEnumerable<Endpoint> endpoints) =>
        endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["*"];
                var declared = e.Metadata.GetMetadata<DocumentSurface>()?.Documents ?? ApiDocument.None;
                return methods.Select(method => new MappedRoute(method, e.RoutePattern.RawText ?? "", declared, e.DisplayName ?? "?"));
            })
            .ToList();

    public static ApiDocument Flag(string document) => Enum.Parse<ApiDocument>("Doc" + document);
}
