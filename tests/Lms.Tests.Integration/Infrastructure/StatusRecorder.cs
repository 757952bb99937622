using System.Collections.Concurrent;
using Lms.Features.Common.Surfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// Every (route, status) any test host of this process answered, beside the statuses the route declares in its
/// metadata (the OpenAPI document's responses). Process-wide, so hosts of every collection (and later, parallel
/// hosts per schema) add to one record that <c>DeclaredStatusTests</c> checks after everything else.
/// </summary>
public static class StatusRecorder
{
    /// <summary>A route as the OpenAPI document names it: its methods and its template.</summary>
    public sealed record Route(string Methods, string Template)
    {
        public override string ToString() => $"{Methods} {Template}";
    }

    private static readonly ConcurrentDictionary<Route, int[]> DeclaredByRoute = new();
    private static readonly ConcurrentDictionary<(Route Route, int Status), int> Counts = new();

    /// <summary>The routes that have answered at least once, with the statuses each declares.</summary>
    public static IReadOnlyDictionary<Route, int[]> Declared => DeclaredByRoute;

    /// <summary>How often each route answered each status.</summary>
    public static IReadOnlyDictionary<(Route Route, int Status), int> Observed => Counts;

    public static Route? RouteOf(Endpoint? endpoint)
    {
        if (endpoint is not RouteEndpoint route || route.Metadata.GetMetadata<DocumentSurface>() is null) return null;
        var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        return new Route(string.Join(',', methods), route.RoutePattern.RawText ?? "");
    }

    public static int[] DeclaredStatuses(Endpoint endpoint) =>
        [.. endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).Distinct().Order()];

    internal static void Record(HttpContext http)
    {
        // The outer exception handler clears the endpoint before it writes; its feature still names it.
        var endpoint = http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (RouteOf(endpoint) is not { } route) return;
        DeclaredByRoute.TryAdd(route, DeclaredStatuses(endpoint!));
        Counts.AddOrUpdate((route, http.Response.StatusCode), 1, (_, n) => n + 1);
    }

    /// <summary>Wraps the whole pipeline of a test host: records the answer once everything inside has run.</summary>
    public sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                try
                {
                    await inner(http);
                }
                finally
                {
                    Record(http);
                }
            });
            next(app);
        };
    }
}
