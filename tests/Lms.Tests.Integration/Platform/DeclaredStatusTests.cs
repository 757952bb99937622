using Lms.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Runs after every parallel collection (xUnit 2 runs collections that disable parallelization last), so the
/// <see cref="StatusRecorder"/> holds what the whole run observed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AfterEverything
{
    public const string Name = "after everything";
}

/// <summary>
/// The error statuses each route declares (<c>.ForDocuments(…, statuses)</c>, so the OpenAPI document) against those the
/// test hosts answered: a 4xx or 5xx a route answered without declaring it fails; declared statuses no test provoked
/// are printed. Run alone (nothing recorded), it runs the hostile sweep on a host of its own first, so it never
/// passes on an empty record.
/// </summary>
[Collection(AfterEverything.Name)]
public sealed class DeclaredStatusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_error_status_a_route_answered_is_one_it_declares()
    {
        if (!HostileSweep.HasRun)
        {
            output.WriteLine("The hostile sweep has not run in this process: running it now, so the check has observations.");
            var factory = new LmsApiFactory();
            await ((IAsyncLifetime)factory).InitializeAsync();
            try
            {
                await factory.ResetAsync();
                await new HostileSweep(factory).RunAsync();
            }
            finally
            {
                await ((IAsyncLifetime)factory).DisposeAsync();
            }
        }
        var observed = StatusRecorder.Observed;
        Assert.True(observed.Count > 0, "nothing recorded: the status recorder is not installed in the test hosts");

        var undeclared = observed
            .Where(o => o.Key.Status >= 400 && !StatusRecorder.Declared[o.Key.Route].Contains(o.Key.Status))
            .Select(o => $"{o.Key.Route} answered {o.Key.Status} ({o.Value}×), declares {string.Join(' ', StatusRecorder.Declared[o.Key.Route])}")
            .Order(StringComparer.Ordinal).ToList();
        var neverSeen = StatusRecorder.Declared
            .SelectMany(d => d.Value.Where(s => s >= 400 && s != 429 && !observed.ContainsKey((d.Key, s))).Select(s => $"{d.Key} {s}"))
            .Order(StringComparer.Ordinal).ToList();

        output.WriteLine($"{observed.Count} (route, status) pairs observed on {StatusRecorder.Declared.Count} routes.");
        output.WriteLine($"{neverSeen.Count} declared error statuses no test provoked (429, declared everywhere, left out):");
        foreach (var line in neverSeen) output.WriteLine("  " + line);
        Assert.True(undeclared.Count == 0, $"{undeclared.Count} undeclared error statuses:\n" + string.Join("\n", undeclared));
    }
}
