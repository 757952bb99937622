using System.Net;
using System.Text.Json.Nodes;
using Lms.Api.Hosting;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// The OpenAPI documents: the combined <c>/openapi/v1.json</c> and each API document alone at <c>/openapi/000.json</c> …
/// <c>/openapi/004.json</c>, with the spec's tags in the documents' order; Scalar at /docs offers them all.
/// </summary>
public sealed class OpenApiDocumentTests(LmsApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string> DocumentNumbers => new() { "000", "001", "002", "003", "004" };

    private SpecCoverage Coverage() => SpecCoverage.Of(Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints);

    [Theory]
    [MemberData(nameof(DocumentNumbers))]
    public async Task Each_documents_file_lists_exactly_the_operations_coverage_counts_for_it(string document)
    {
        var expected = SpecCoverageTests.ServedKeys(Coverage(), document);

        var response = await Anonymous().GetAsync($"/openapi/{document}.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var openApi = await Json(response);
        var listed = Operations(openApi).Select(op => ApiSpec.Key(op.Method, op.Path)).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        // Only this document's sections: a route two documents share carries the other's tag in the other's file.
        var tags = Operations(openApi).SelectMany(op => op.Tags).ToList();
        Assert.All(tags, t => Assert.StartsWith(document + " ", t, StringComparison.Ordinal));
        Assert.Contains(document, openApi["info"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_two_documents_share_is_in_both_files_with_each_documents_tag()
    {
        var in002 = await Json(await Anonymous().GetAsync("/openapi/002.json"));
        var in003 = await Json(await Anonymous().GetAsync("/openapi/003.json"));
        var combined = await Json(await Anonymous().GetAsync("/openapi/v1.json"));

        Assert.Equal(["002 Users & Profiles"], Tags(in002, "/api/users/profile/", "get"));
        Assert.Equal(["003 User Management"], Tags(in003, "/api/users/profile/", "get"));
        Assert.Equal(["002 Users & Profiles", "003 User Management"], Tags(combined, "/api/users/profile/", "get").Order(StringComparer.Ordinal));
        // PATCH is 002's only, PUT 003's only.
        Assert.Null(in002["paths"]!["/api/users/profile/"]!["put"]);
        Assert.Null(in003["paths"]!["/api/users/profile/"]!["patch"]);
    }

    [Fact]
    public async Task Combined_document_orders_tags_by_document_then_by_the_documents_own_sections()
    {
        var spec = ApiSpec.Current;

        var openApi = await Json(await Anonymous().GetAsync("/openapi/v1.json"));

        var tags = openApi["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        // Derived from the document lines, independently of the app's ranking: documents ascending, and within one the
        // section whose first operation comes earlier in the document first.
        var firstLine = spec.Operations.GroupBy(o => o.Tag).ToDictionary(g => g.Key, g => g.Min(o => o.DocLine));
        var expected = tags.Where(firstLine.ContainsKey).OrderBy(t => t[..3], StringComparer.Ordinal).ThenBy(t => firstLine[t]).ToList();
        Assert.Equal(expected, tags.Take(expected.Count));
        Assert.StartsWith("000 ", tags[0], StringComparison.Ordinal);
        // 001's refresh route comes from the document's closing "Authentication" notes: after its Accounts API.
        Assert.True(tags.IndexOf("001 Accounts API") < tags.IndexOf("001 Authentication"), string.Join(", ", tags));
        Assert.True(tags.IndexOf("003 Authentication") < tags.IndexOf("003 Progress Tracking"), string.Join(", ", tags));
        // Every operation's tags are among the document's tags, and each documented one carries its spec sections.
        var listed = tags.ToHashSet();
        foreach (var op in Operations(openApi))
        {
            Assert.All(op.Tags, t => Assert.Contains(t, listed));
            var documented = spec.Match(op.Method, op.Path).Operations.Select(o => o.Tag).Distinct().Order(StringComparer.Ordinal);
            if (documented.Any()) Assert.Equal(documented, op.Tags.Order(StringComparer.Ordinal));
        }
        // Scalar's headings: one group per document, in order.
        var groups = openApi["x-tagGroups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(groups.Order(StringComparer.Ordinal), groups);
        Assert.Equal(5, groups.Count(g => g.Length > 3 && char.IsDigit(g[0])));
    }

    [Fact]
    public async Task No_document_lists_004s_api_v1_twins_and_004_says_they_exist()
    {
        var combined = await Json(await Anonymous().GetAsync("/openapi/v1.json"));
        var edu = await Json(await Anonymous().GetAsync("/openapi/004.json"));

        Assert.DoesNotContain(Operations(combined), op => op.Path.StartsWith("/api/v1/", StringComparison.Ordinal));
        Assert.DoesNotContain(Operations(edu), op => op.Path.StartsWith("/api/v1/", StringComparison.Ordinal));
        Assert.Contains("/api/v1/", edu["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(combined["paths"]!["/api/teacher/login/"]!["post"]);
    }

    [Fact]
    public async Task Docs_page_offers_every_document_and_keeps_its_content_security_policy()
    {
        var response = await Anonymous().GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // Scalar's document picker: its sources, relative to the page's host root ("openapi/000.json").
        foreach (var name in new[] { "v1", "000", "001", "002", "003", "004" })
            Assert.True(html.Contains($"\"url\":\"openapi/{name}.json\"", StringComparison.Ordinal), html);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("'nonce-", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
        // Each file it names is there.
        foreach (var name in new[] { "000", "001", "002", "003", "004" })
            Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync($"/openapi/{name}.json")).StatusCode);
    }

    private static List<(string Method, string Path, List<string> Tags)> Operations(JsonNode openApi) =>
        openApi["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject()
                .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(op => (op.Key.ToUpperInvariant(), p.Key,
                    op.Value!["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [])))
            .ToList();

    private static List<string> Tags(JsonNode openApi, string path, string method) =>
        openApi["paths"]![path]![method]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
}
