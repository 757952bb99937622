using System.Globalization;
using System.Text.RegularExpressions;
using Lms.Api.Hosting;
using Lms.Features.Common.Surfaces;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Spec coverage: every route the real app maps (its <see cref="EndpointDataSource"/>) is an operation of
/// docs/spec/endpoints.json or a listed extra; <c>served/total</c> per document is printed and must agree with the
/// README's "Documents served" table.
/// </summary>
public sealed partial class SpecCoverageTests(LmsApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    private SpecCoverage Coverage() => SpecCoverage.Of(Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints);

    [Fact]
    public void Every_mapped_route_is_a_documented_operation_or_a_listed_extra()
    {
        var coverage = Coverage();

        // Printed both ways: the test's output (trx, `--logger "console;verbosity=detailed"`) and the test host's console.
        var report = "spec coverage (served/total operations of docs/spec/endpoints.json):\n" + coverage.Report();
        output.WriteLine(report);
        Console.WriteLine(report);

        Assert.True(coverage.Routes.Count > coverage.Served.Count, "the endpoint data source looks empty: " + coverage.Routes.Count);
        Assert.True(coverage.Unlisted.Count == 0,
            "routes that are no documented operation and not in SpecCoverage.Extras (add the missing document operation's " +
            "route, or list the route with its reason):\n" + string.Join("\n", coverage.Unlisted));
        Assert.True(coverage.StaleExtras.Count == 0, "SpecCoverage.Extras entries to remove:\n" + string.Join("\n", coverage.StaleExtras));
    }

    [Fact]
    public void Every_route_declares_the_documents_whose_operations_it_serves()
    {
        var coverage = Coverage();

        Assert.True(coverage.SurfaceGaps.Count == 0, string.Join("\n", coverage.SurfaceGaps));
    }

    [Fact]
    public void Every_served_004_operation_also_answers_under_api_v1()
    {
        var coverage = Coverage();

        Assert.Contains(coverage.Served, o => o.Document == "004");
        Assert.True(coverage.MissingV1Twins.Count == 0, "004 operations without both /api/ and /api/v1/ routes:\n" + string.Join("\n", coverage.MissingV1Twins));
    }

    [Fact]
    public void A_route_added_without_touching_any_list_is_counted_or_reported()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var before = SpecCoverage.Of(endpoints);
        // A write route that 000 and 002 document (not served yet), and a write route no document has.
        var shared = Route("POST", "/api/courses/courses/", ApiDocument.Doc000 | ApiDocument.Doc002);
        var undocumented = Route("POST", "/api/courses/{id:long}/duplicate/", ApiDocument.Doc000);

        var after = SpecCoverage.Of(endpoints.Append(shared).Append(undocumented));

        Assert.DoesNotContain(before.Served, o => o.Path == "/api/courses/courses/" && o.Method == "POST");
        Assert.Equal(Count(before, "000") + 1, Count(after, "000"));
        Assert.Equal(Count(before, "002") + 1, Count(after, "002"));
        Assert.Equal(Count(before, "003"), Count(after, "003"));
        Assert.Equal(Count(before, "all") + 2, Count(after, "all"));
        Assert.Equal("POST /api/courses/{id:long}/duplicate/ (test route)", Assert.Single(after.Unlisted).ToString());
        // Declaring only one of the two documents is a gap: the error body would lack the other's keys.
        var half = SpecCoverage.Of(endpoints.Append(Route("POST", "/api/courses/courses", ApiDocument.Doc000)));
        Assert.Contains(half.SurfaceGaps, g => g.Contains("002's", StringComparison.Ordinal));
    }

    /// <summary>
    /// The README's "Documents served" table: a header row with the cells <c>document</c>, <c>operations</c> and
    /// <c>served</c> (more columns may follow), then one row per document in order, its first cell starting with the
    /// document's number (<c>000 Student Management System</c>), then a row <c>all</c>; numbers may be bold.
    /// </summary>
    [Fact]
    public void README_documents_table_agrees_with_the_served_counts()
    {
        var coverage = Coverage();
        var readme = File.ReadAllLines(Path.Combine(RepoRoot(), "README.md"));

        var table = DocumentsTable(readme);

        var expected = coverage.Counts.Select(c => $"{c.Document}: {c.Served}/{c.Total}").ToList();
        var written = table.Select(r => $"{r.Document}: {r.Served}/{r.Total}").ToList();
        Assert.True(expected.SequenceEqual(written),
            "README.md, section \"Documents served\", must list 000 … 004 then \"all\" with these served/total numbers:\n" +
            string.Join("\n", expected) + "\nit lists:\n" + string.Join("\n", written) +
            "\nrows that agree (a notes column may follow):\n" + string.Join("\n", TableRows(coverage)));
    }

    [Fact]
    public void The_rows_the_README_check_asks_for_parse_back_to_the_counts()
    {
        var coverage = Coverage();
        string[] readme = ["# Lms", "", "## Documents served", "", .. TableRows(coverage), "", "## Next"];

        var table = DocumentsTable(readme);

        Assert.Equal(coverage.Counts.Select(c => (c.Document, c.Total, c.Served)), table);
    }

    /// <summary>The README table that agrees with the coverage: header, separator, 000 … 004, all.</summary>
    private static IEnumerable<string> TableRows(SpecCoverage coverage)
    {
        var titles = OpenApiSetup.Documents.ToDictionary(d => d.Name, d => d.Title);
        return ["| document | operations | served |", "|---|---|---|",
            .. coverage.Counts.Select(c => $"| {titles.GetValueOrDefault(c.Document, c.Document)} | {c.Total} | **{c.Served}** |")];
    }

    private static List<(string Document, int Total, int Served)> DocumentsTable(string[] readme)
    {
        var start = Array.FindIndex(readme, l => l.Trim().Equals("## Documents served", StringComparison.OrdinalIgnoreCase));
        Assert.True(start >= 0, "README.md has no \"## Documents served\" section");
        var lines = readme.Skip(start + 1).SkipWhile(l => !l.TrimStart().StartsWith('|')).TakeWhile(l => l.TrimStart().StartsWith('|')).ToList();
        Assert.True(lines.Count >= 2, "no table under \"## Documents served\"");
        var header = Cells(lines[0]).Select(c => c.ToLowerInvariant()).ToList();
        int Column(string name)
        {
            var i = header.IndexOf(name);
            Assert.True(i >= 0, $"the documents table has no \"{name}\" column: | {string.Join(" | ", header)} |");
            return i;
        }
        var (document, operations, served) = (Column("document"), Column("operations"), Column("served"));
        return lines.Skip(2).Select(Cells).Select(row =>
        {
            var name = row[document].Split(' ', 2)[0];
            return (name, Number(row[operations]), Number(row[served]));
        }).ToList();
    }

    private static List<string> Cells(string row) =>
        row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static int Number(string cell) =>
        Digits().Match(cell) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    private static int Count(SpecCoverage coverage, string document) => coverage.Counts.Single(c => c.Document == document).Served;

    private static RouteEndpoint Route(string method, string pattern, ApiDocument documents) =>
        (RouteEndpoint)new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0)
        {
            DisplayName = "test route",
            Metadata = { new HttpMethodMetadata([method]), new DocumentSurface(documents) },
        }.Build();

    /// <summary>The repository root: the nearest directory above the test binaries that holds Lms.sln.</summary>
    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lms.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Lms.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The operations a document's OpenAPI file must list: the ones coverage counts for it.</summary>
    internal static HashSet<string> ServedKeys(SpecCoverage coverage, string document) =>
        coverage.Served.Where(o => o.Document == document).Select(o => ApiSpec.Key(o.Method == "WS" ? "GET" : o.Method, o.Path)).ToHashSet(StringComparer.Ordinal);
}
