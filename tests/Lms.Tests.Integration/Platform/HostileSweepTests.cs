using Lms.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// The hostile-input sweep (see <see cref="HostileSweep"/>) over every write route the app maps: never a 5xx, every
/// error in the route's documented format, anonymous callers refused where the route needs a sign-in, and no write
/// from a request that failed.
/// </summary>
public sealed class HostileSweepTests(LmsApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    [Fact]
    public async Task No_hostile_body_on_any_write_route_gets_a_5xx_a_foreign_error_format_or_a_write()
    {
        var report = await new HostileSweep(Factory).RunAsync();

        output.WriteLine($"swept {report.Routes.Count} write routes with {report.Requests} requests in {report.Elapsed.TotalSeconds:F1} s " +
                         $"({report.SuccessfulWrites} accepted bodies wrote documents):");
        foreach (var route in report.Routes) output.WriteLine("  " + route);
        // The count of write routes is the app's, not a list here; a route added without a test is in it.
        Assert.True(report.Routes.Count >= 40, $"only {report.Routes.Count} write routes found");
        foreach (var failure in report.Failures) output.WriteLine("FAILURE " + failure);
        Assert.True(report.Failures.Count == 0, $"{report.Failures.Count} failures:\n" + string.Join("\n", report.Failures.Take(60)));
    }

    [Theory]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc003, "{\"detail\": \"Not found.\"}")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc004, "{\"detail\": \"Not found.\"}")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc000, "{\"success\": false, \"message\": \"x\", \"error_code\": \"X\", \"details\": {}}")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc002, "[]")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc001, "Not found")]
    public void The_format_check_refuses_another_documents_error_body(Lms.Features.Common.Surfaces.ApiDocument documents, string body) =>
        Assert.NotNull(HostileSweep.ErrorFormatProblem(documents, body));

    [Theory]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc003, "{\"success\": false, \"message\": \"x\", \"error_code\": \"X\", \"details\": {}}")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc004, "{\"error\": \"Not found\", \"detail\": \"Not found.\"}")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc000, "{\"email\": [\"Enter a valid email address.\"]}")]
    [InlineData(Lms.Features.Common.Surfaces.ApiDocument.Doc001, "{\"detail\": \"Not found.\"}")]
    public void The_format_check_accepts_the_documents_own_error_body(Lms.Features.Common.Surfaces.ApiDocument documents, string body) =>
        Assert.Null(HostileSweep.ErrorFormatProblem(documents, body));
}
