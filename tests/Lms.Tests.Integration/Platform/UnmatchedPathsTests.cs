using Lms.Features.Common.Surfaces;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Platform;

/// <summary>The unmatched-path lookup as the app derives it from its own endpoints.</summary>
public sealed class UnmatchedPathsTests(LmsApiFactory factory) : ApiTest(factory)
{
    private UnmatchedPaths Table => Factory.Services.GetRequiredService<UnmatchedPaths>();

    [Theory]
    [InlineData("/api/token/", ApiDocument.Doc003)]
    [InlineData("/api/token/refresh/", ApiDocument.Doc004)]
    [InlineData("/api/auth/nothing/", ApiDocument.Doc000)]
    [InlineData("/api/users/auth/nothing/", ApiDocument.Doc002)]
    [InlineData("/api/users/profiles/nothing/", ApiDocument.Doc002)]
    [InlineData("/api/users/nobody/", ApiDocument.Doc003 | ApiDocument.Doc002)]
    [InlineData("/api/teacher/nothing/", ApiDocument.Doc004)]
    [InlineData("/api/v1/courses/", ApiDocument.Doc004)]
    [InlineData("/api/v1/teacher/nothing/", ApiDocument.Doc004)]
    [InlineData("/api/progress/nope/deeper/", ApiDocument.Doc003)]
    [InlineData("/api/enrollments/abc/", ApiDocument.Doc003)]
    [InlineData("/api/courses/courses/unknown/", ApiDocument.Doc003)]
    [InlineData("/accounts/clients/1/nothing/", ApiDocument.Doc001)]
    [InlineData("/api/nope/", UnmatchedPaths.Default)]
    [InlineData("/no/such/path/", UnmatchedPaths.Default)]
    public void The_apps_routes_decide_the_documents_of_an_unmatched_path(string path, ApiDocument expected) =>
        Assert.Equal(expected, Table.DocumentsOf(new PathString(path)));

    [Fact]
    public void Every_route_with_documents_answers_its_own_neighbourhood_with_them()
    {
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DocumentSurface>() is not null).ToList();
        Assert.NotEmpty(routes);
        var wrong = routes
            .Select(e => (Template: e.RoutePattern.RawText!, e.Metadata.GetMetadata<DocumentSurface>()!.Documents))
            .Where(r => (Table.DocumentsOf(new PathString(Literal(r.Template) + "no-such-thing/")) & r.Documents) == 0)
            .Select(r => $"{r.Template} ({r.Documents})").Distinct().ToList();
        Assert.True(wrong.Count == 0, "an unknown path under these routes answers in another document's format:\n" + string.Join("\n", wrong));
    }

    private static string Literal(string template)
    {
        var brace = template.IndexOf('{', StringComparison.Ordinal);
        var literal = brace < 0 ? template : template[..brace];
        return literal.EndsWith('/') ? literal : literal + "/";
    }
}
