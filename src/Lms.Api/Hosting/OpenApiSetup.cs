using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Lms.Api.Hosting;

/// <summary>
/// The OpenAPI documents (browsable at /docs): <c>/openapi/v1.json</c> with every route, and each API document alone at
/// <c>/openapi/000.json</c> … <c>/openapi/004.json</c> with exactly the operations of that document Lms serves (a route
/// two documents share is in both). Tags and their order come from <c>docs/spec/endpoints.json</c> (<see cref="ApiSpec"/>):
/// "003 Courses" is document 003's section "Courses"; documents 000 → 004, each in its own section order. 004's
/// <c>/api/v1/</c> twins are left out (004's description says every path is also served there); paths are written as
/// the documents write them, trailing slash included.
/// </summary>
internal static class OpenApiSetup
{
    /// <summary>The combined document: <c>/openapi/v1.json</c>.</summary>
    public const string Combined = "v1";

    /// <summary>Each API document's OpenAPI file: its name (the document number), title and a line about its dialect.</summary>
    public static readonly IReadOnlyList<(string Name, string Title, string About)> Documents =
    [
        ("000", "000 Student Management System", "Errors in Django REST Framework's format ({\"detail\"} or the field dict); integer ids."),
        ("001", "001 AI-Linc (multi-tenant)", "Errors in Django REST Framework's format; integer ids; {client_id} is the tenant."),
        ("002", "002 LMS with approval and wallet", "Errors in Django REST Framework's format; integer ids; pages of count/next/previous/results."),
        ("003", "003 small course API", "Errors as {success: false, message, error_code, details}; integer ids; rate-limit headers."),
        ("004", "004 EduPro", "Errors as {error, detail} (field_errors for validation); uuids; pages of 5. Every path is also served under /api/v1/."),
    ];

    public static IServiceCollection AddLmsOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(Combined, o => Configure(o, null, "Lms",
            "One backend serving five learning-management API documents (see README). Each document alone: /openapi/000.json … /openapi/004.json."));
        foreach (var (name, title, about) in Documents)
            services.AddOpenApi(name, o => Configure(o, name, $"Lms: {title}", about));
        return services;
    }

    private static void Configure(OpenApiOptions options, string? document, string title, string description)
    {
        options.ShouldInclude = api => Includes(api, document);
        options.AddDocumentTransformer((openApi, _, _) =>
        {
            openApi.Info.Title = title;
            openApi.Info.Description = description;
            Retag(openApi, document);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Whether a route belongs in a document: the combined one takes every route but 004's <c>/api/v1/</c> twins; a
    /// document's own takes the routes that serve one of its operations.
    /// </summary>
    private static bool Includes(ApiDescription api, string? document)
    {
        if (api.HttpMethod is null || api.RelativePath is null) return document is null;
        var match = ApiSpec.Current.Match(api.HttpMethod, api.RelativePath);
        if (match.IsV1Twin) return false;
        return document is null || match.Operations.Any(o => o.Document == document);
    }

    /// <summary>
    /// Tags each documented operation with its documents' sections (only this document's in a document's own file),
    /// orders the tags, writes paths with the documents' trailing slash, and groups the combined document's tags by
    /// document (<c>x-tagGroups</c>, which Scalar shows as one heading per document).
    /// </summary>
    private static void Retag(OpenApiDocument openApi, string? document)
    {
        var spec = ApiSpec.Current;
        var written = new List<(string Path, IOpenApiPathItem Item, (int Tag, int Line) Rank)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in openApi.Paths)
        {
            var slash = true;
            var rank = (Tag: int.MaxValue, Line: int.MaxValue);
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var documented = spec.Match(method.Method, path).Operations
                    .Where(o => document is null || o.Document == document).ToList();
                if (documented.Count > 0)
                {
                    operation.Tags = new HashSet<OpenApiTagReference>(
                        documented.Select(o => o.Tag).Distinct(StringComparer.Ordinal).Select(tag => new OpenApiTagReference(tag, openApi)));
                    slash = documented[0].Path.EndsWith('/');
                    var first = documented.Select(o => (Tag: spec.TagRank(o.Tag), Line: o.DocLine)).Min();
                    if (first.CompareTo(rank) < 0) rank = first;
                }
                foreach (var tag in operation.Tags ?? Enumerable.Empty<OpenApiTagReference>()) if (tag.Name is { } name) used.Add(name);
            }
            // Routing treats the trailing slash as optional and drops it from templates; the documents show it.
            written.Add((slash && !path.EndsWith('/') ? path + "/" : path, item, rank));
        }
        // Paths in the documents' order too (by their first tag's position, then the document's line), the others after them.
        var paths = new OpenApiPaths();
        foreach (var (path, item, _) in written.OrderBy(w => w.Rank).ThenBy(w => w.Path, StringComparer.Ordinal)) paths[path] = item;
        openApi.Paths = paths;

        var order = Comparer<string>.Create((a, b) =>
            spec.TagRank(a) != spec.TagRank(b) ? spec.TagRank(a).CompareTo(spec.TagRank(b)) : string.CompareOrdinal(a, b));
        var tags = used.Order(order).ToList();
        openApi.Tags = new SortedSet<OpenApiTag>(
            tags.Select(t => new OpenApiTag { Name = t }),
            Comparer<OpenApiTag>.Create((a, b) => order.Compare(a.Name, b.Name)));

        if (document is null)
        {
            var groups = new JsonArray();
            foreach (var (name, title, _) in Documents)
                AddGroup(groups, title, tags.Where(t => spec.TagRank(t) != int.MaxValue && t.StartsWith(name + " ", StringComparison.Ordinal)));
            AddGroup(groups, "Not in the documents", tags.Where(t => spec.TagRank(t) == int.MaxValue));
            openApi.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            openApi.Extensions["x-tagGroups"] = new JsonNodeExtension(groups);
        }
    }

    private static void AddGroup(JsonArray groups, string name, IEnumerable<string> tags)
    {
        var members = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        if (members.Count > 0) groups.Add(new JsonObject { ["name"] = name, ["tags"] = members });
    }

    /// <summary>
    /// The OpenAPI JSON and Scalar at <c>/docs</c>, loaded from this host only as its Content-Security-Policy
    /// (SecurityHeaders) demands: no CDN fonts, no telemetry, no AI agent or MCP; a fresh nonce on Scalar's scripts per page.
    /// Scalar's document picker offers the combined document (the default) and each API document alone.
    /// </summary>
    public static WebApplication MapLmsDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("Lms API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce().DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp();
            o.AddDocument(Combined, "All five documents", isDefault: true);
            foreach (var (name, title, _) in Documents) o.AddDocument(name, title);
            o.HeadContent = $"<script>{SecurityHeaders.DocsHeadScript}</script>";
        });
        return app;
    }
}
