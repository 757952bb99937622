using Lms.Features.Common.Email;
using Lms.Features.Common.Persistence;
using Lms.Features.Demo;
using Lms.Features.Identity;

namespace Lms.Api.Hosting;

/// <summary>Configuration section <c>Lms</c> (top-level switches).</summary>
public sealed class LmsSettings
{
    /// <summary>Load the Bogus demo data once at start-up (build/run.sh sets it).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>Where generated files live (signing key, later mail and media). Defaults to .data/ under the repository.</summary>
    public string DataDirectory { get; set; } = "";
}

/// <summary>
/// Start-up work. First, before any hosted service starts (so before the Hangfire server takes a job), the e-mail jobs'
/// upkeep: old-shape e-mail jobs deleted, the outbox purge scheduled. Then, after Marten has applied its schema: the
/// maintained counts' triggers, the stored account keys, the default client and first admin (decision 7), then the demo data when asked for. All of it
/// runs before the server accepts requests.
/// </summary>
internal sealed class StartupWork(MaintainedCounts counts, AccountKeyMigration accountKeys, Bootstrap bootstrap, DemoData demo,
    Microsoft.Extensions.Options.IOptions<LmsSettings> settings, EmailJobsStartup emailJobs, IConfiguration config)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var jobs = config.GetSection("Lms:Jobs").Get<JobSettings>() ?? new JobSettings();
        return emailJobs.RunAsync(config.GetConnectionString("Lms")!, jobs.Schema, cancellationToken);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The maintained counts' tables and triggers, before anything writes a counted document.
        await counts.ApplyAsync(cancellationToken);
        // Stored account keys first: the first admin is looked up by the current key.
        await accountKeys.RunAsync(cancellationToken);
        await bootstrap.RunAsync(cancellationToken);
        if (settings.Value.SeedDemoData) await demo.LoadAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
