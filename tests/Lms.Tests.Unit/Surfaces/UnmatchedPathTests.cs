using Lms.Features.Common.Surfaces;
using Microsoft.AspNetCore.Http;

namespace Lms.Tests.Unit.Surfaces;

public class UnmatchedPathTests
{
    [Theory]
    [InlineData("/api/token/", ApiDocument.Doc003)]
    [InlineData("/api/token/refresh/", ApiDocument.Doc004)]
    [InlineData("/api/auth/nothing/", ApiDocument.Doc000)]
    [InlineData("/api/users/auth/nothing/", ApiDocument.Doc002)]
    [InlineData("/api/users/profiles/nothing/", ApiDocument.Doc002)]
    [InlineData("/api/teacher/nothing/", ApiDocument.Doc004)]
    [InlineData("/api/progress/999/", ApiDocument.Doc003)]
    [InlineData("/api/enrollments/abc/", ApiDocument.Doc003 | ApiDocument.Doc000)]
    [InlineData("/api/users/nobody/", ApiDocument.Doc003 | ApiDocument.Doc002)]
    [InlineData("/api/courses/courses/unknown/", ApiDocument.Doc003 | ApiDocument.Doc000 | ApiDocument.Doc002)]
    [InlineData("/api/v1/courses/", ApiDocument.Doc004)]
    [InlineData("/accounts/user/login/", ApiDocument.Doc001)]
    [InlineData("/lms/courses/", ApiDocument.Doc001)]
    [InlineData("/api/clients/1/courses/", ApiDocument.Doc001)]
    public void A_known_prefix_maps_to_its_documents(string path, ApiDocument expected) =>
        Assert.Equal(expected, SurfaceExtensions.ForUnmatchedPath(new PathString(path)));

    [Fact]
    public void Prefixes_match_regardless_of_case() =>
        Assert.Equal(ApiDocument.Doc003, SurfaceExtensions.ForUnmatchedPath(new PathString("/API/Token/")));

    [Theory]
    [InlineData("/")]
    [InlineData("/api/quizzes/")]
    [InlineData("/nothing/here")]
    public void Any_other_path_answers_like_000(string path) =>
        Assert.Equal(ApiDocument.Doc000, SurfaceExtensions.ForUnmatchedPath(new PathString(path)));

    [Fact]
    public void An_empty_path_answers_like_000() =>
        Assert.Equal(ApiDocument.Doc000, SurfaceExtensions.ForUnmatchedPath(PathString.Empty));
}
