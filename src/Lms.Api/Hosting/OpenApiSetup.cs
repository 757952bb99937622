using Microsoft.OpenApi;

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
}
