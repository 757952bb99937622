using Lms.Features.Common.Surfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Lms.Tests.Unit.Surfaces;

/// <summary>The rules of the unmatched-path lookup, on a small route table of its own.</summary>
public class UnmatchedPathTests
{
    private static readonly UnmatchedPaths Table = UnmatchedPaths.From(
    [
        Route("/api/token/", ApiDocument.Doc003),
        Route("/api/token/refresh/", ApiDocument.Doc004),
        Route("/api/v1/token/refresh/", ApiDocument.Doc004),
        Route("/api/auth/login/", ApiDocument.Doc000),
        Route("/api/teacher/login/", ApiDocument.Doc004),
        Route("/api/users/register/", ApiDocument.Doc003),
        Route("/api/users/profiles/all/", ApiDocument.Doc002),
        Route("/api/courses/", ApiDocument.Doc003),
        Route("/api/courses/{id:long}/", ApiDocument.Doc002),
        Route("/api/progress/{id:long}/", ApiDocument.Doc003),
        Route("/accounts/clients/{client_id:long}/user/login/", ApiDocument.Doc001),
        Route("/lms/{slug}/", ApiDocument.Doc001),
        Route("/health/live", ApiDocument.None),
    ]);

    [Theory]
    [InlineData("/api/token/refresh/", ApiDocument.Doc004)]
    [InlineData("/api/token/refresh/deeper/", ApiDocument.Doc004)]
    [InlineData("/api/v1/token/refresh/", ApiDocument.Doc004)]
    [InlineData("/api/token/", ApiDocument.Doc003)]                       // a route's own prefix beats the neighbour /api/token/refresh/
    [InlineData("/api/token", ApiDocument.Doc003)]                        // trailing slash optional
    [InlineData("/api/token/nothing/", ApiDocument.Doc003)]
    [InlineData("/api/progress/nope/deeper/", ApiDocument.Doc003)]        // the first parameter ends the literal prefix
    public void The_longest_matching_literal_prefix_wins(string path, ApiDocument expected) =>
        Assert.Equal(expected, Table.DocumentsOf(new PathString(path)));

    [Theory]
    [InlineData("/api/auth/nothing/", ApiDocument.Doc000)]
    [InlineData("/api/teacher/nothing/", ApiDocument.Doc004)]
    [InlineData("/api/v1/nothing/", ApiDocument.Doc004)]
    [InlineData("/accounts/clients/", ApiDocument.Doc001)]
    public void A_path_next_to_routes_takes_their_documents(string path, ApiDocument expected) =>
        Assert.Equal(expected, Table.DocumentsOf(new PathString(path)));

    [Theory]
    [InlineData("/api/courses/abc/", ApiDocument.Doc003 | ApiDocument.Doc002)] // two own prefixes /api/courses/
    [InlineData("/api/users/nobody/", ApiDocument.Doc003 | ApiDocument.Doc002)] // two neighbours under /api/users/
    public void Equal_prefixes_union_their_documents(string path, ApiDocument expected) =>
        Assert.Equal(expected, Table.DocumentsOf(new PathString(path)));

    [Fact]
    public void Prefixes_match_regardless_of_case() =>
        Assert.Equal(ApiDocument.Doc003, Table.DocumentsOf(new PathString("/API/Token/")));

    [Fact]
    public void A_root_that_is_a_routes_own_prefix_is_a_neighbourhood() =>
        Assert.Equal(ApiDocument.Doc001, Table.DocumentsOf(new PathString("/lms/anything/at/all/")));

    [Theory]
    [InlineData("/")]
    [InlineData("/api/")]            // a root shared by four documents names no neighbourhood
    [InlineData("/api/quizzes/")]
    [InlineData("/accounts/user/login/")]
    [InlineData("/nothing/here")]
    [InlineData("/health/nothing")]  // routes without documents (health, docs) are nobody's neighbours
    public void Any_other_path_answers_like_the_default(string path) =>
        Assert.Equal(UnmatchedPaths.Default, Table.DocumentsOf(new PathString(path)));

    [Fact]
    public void An_empty_path_or_table_answers_like_the_default()
    {
        Assert.Equal(UnmatchedPaths.Default, Table.DocumentsOf(PathString.Empty));
        Assert.Equal(UnmatchedPaths.Default, UnmatchedPaths.From([]).DocumentsOf(new PathString("/api/token/")));
    }

    private static RouteEndpoint Route(string template, ApiDocument documents) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(template), 0,
            documents == ApiDocument.None ? EndpointMetadataCollection.Empty : new EndpointMetadataCollection(new DocumentSurface(documents)),
            template);
}
