using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Lms.Api.Hosting;

/// <summary>The OpenAPI document (browsable at /docs), with the paths written as the documents write them.</summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddLmsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // Routing treats the trailing slash as optional and drops it from templates; the documents show it.
            var paths = new OpenApiPaths();
            foreach (var (path, item) in document.Paths) paths[path.EndsWith('/') ? path : path + "/"] = item;
            document.Paths = paths;
            document.Info.Title = "Lms";
            document.Info.Description = "One backend serving five learning-management API documents (see README).";
            return Task.CompletedTask;
        }));

    /// <summary>
    /// The OpenAPI JSON and Scalar at <c>/docs</c>, loaded from this host only as its Content-Security-Policy
    /// (SecurityHeaders) demands: no CDN fonts, no telemetry, no AI agent or MCP; a fresh nonce on Scalar's scripts per page.
    /// </summary>
    public static WebApplication MapLmsDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("Lms API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce().DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp();
            o.HeadContent = $"<script>{SecurityHeaders.DocsHeadScript}</script>";
        });
        return app;
    }
}
