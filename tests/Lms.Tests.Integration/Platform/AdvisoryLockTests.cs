using System.Reflection;
using System.Security.Cryptography;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Medallion.Threading.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyModel;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Weasel.Postgresql;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// Marten's advisory-lock path runs on Medallion's PostgresDistributedLock (DistributedLock.Postgres). The repository
/// restores it through a shim (build/packages: Patched.DistributedLock.Postgres 1.3.3 depends on DistributedLock.Postgres
/// 1.3.1), so these tests prove at run time that the substituted assembly loads and locks against the real database.
/// Uses the shared host only to read the app's Marten configuration and data source; it changes no data.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class AdvisoryLockTests(LmsApiFactory factory)
{
    /// <summary>
    /// What Marten's projection coordinator does (Marten 9: ProjectionCoordinator.buildLockFactory): one Weasel
    /// AdvisoryLock per node on the database's data source, with the options from <c>StoreOptions.Events</c>.
    /// </summary>
    [Fact]
    public async Task Marten_advisory_lock_as_the_app_configures_it_excludes_a_second_node_until_the_first_releases()
    {
        var store = (DocumentStore)factory.Services.GetRequiredService<IDocumentStore>();
        var database = (PostgresqlDatabase)store.Storage.Database;
        var options = new AdvisoryLockOptions
        {
            LockMonitoringEnabled = store.Options.Events.UseMonitoredAdvisoryLock,
            TransactionalLockEnabled = store.Options.Events.UseAdvisoryLockTransaction,
        };

        await AssertMutualExclusion(database.DataSource, options);
    }

    /// <summary>Transaction-scoped locks (Marten's <c>UseAdvisoryLockTransaction</c>) on a dedicated connection each.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Weasel_advisory_lock_in_transaction_mode_excludes_a_second_holder_until_released(bool monitored)
    {
        await using var dataSource = NpgsqlDataSource.Create(LmsApiFactory.ConnectionString);

        await AssertMutualExclusion(dataSource, new AdvisoryLockOptions { TransactionalLockEnabled = true, LockMonitoringEnabled = monitored });
    }

    private static async Task AssertMutualExclusion(NpgsqlDataSource dataSource, AdvisoryLockOptions options)
    {
        await using var first = new AdvisoryLock(dataSource, NullLogger.Instance, "lms", options);
        await using var second = new AdvisoryLock(dataSource, NullLogger.Instance, "lms", options);
        var lockId = RandomNumberGenerator.GetInt32(1_000_000, int.MaxValue);

        Assert.True(await first.TryAttainLockAsync(lockId, CancellationToken.None));
        Assert.True(first.HasLock(lockId));
        Assert.Equal(1, await HoldersInPostgres(lockId));

        Assert.False(await second.TryAttainLockAsync(lockId, CancellationToken.None));
        Assert.False(second.HasLock(lockId));

        await first.ReleaseLockAsync(lockId);
        Assert.False(first.HasLock(lockId));
        Assert.Equal(0, await HoldersInPostgres(lockId));

        Assert.True(await second.TryAttainLockAsync(lockId, CancellationToken.None));
        Assert.True(second.HasLock(lockId));
        Assert.False(await first.TryAttainLockAsync(lockId, CancellationToken.None));

        await second.ReleaseLockAsync(lockId);
        Assert.Equal(0, await HoldersInPostgres(lockId));
    }

    [Fact]
    public async Task Disposing_a_weasel_advisory_lock_releases_what_it_holds()
    {
        await using var dataSource = NpgsqlDataSource.Create(LmsApiFactory.ConnectionString);
        var options = new AdvisoryLockOptions { LockMonitoringEnabled = true, TransactionalLockEnabled = true };
        var lockId = RandomNumberGenerator.GetInt32(1_000_000, int.MaxValue);
        var first = new AdvisoryLock(dataSource, NullLogger.Instance, "lms", options);
        Assert.True(await first.TryAttainLockAsync(lockId, CancellationToken.None));

        await first.DisposeAsync();

        Assert.Equal(0, await HoldersInPostgres(lockId));
        await using var second = new AdvisoryLock(dataSource, NullLogger.Instance, "lms", options);
        Assert.True(await second.TryAttainLockAsync(lockId, CancellationToken.None));
    }

    [Fact]
    public void PostgresDistributedLock_is_in_the_apps_dependency_graph_and_is_the_one_weasel_binds_to()
    {
        var app = DependencyContext.Load(typeof(Program).Assembly);
        Assert.NotNull(app);
        var shim = Assert.Single(app.RuntimeLibraries, l => l.Name == "Patched.DistributedLock.Postgres");
        Assert.Contains(shim.Dependencies, d => d.Name == "DistributedLock.Postgres");
        var real = Assert.Single(app.RuntimeLibraries, l => l.Name == "DistributedLock.Postgres");
        Assert.Contains(real.RuntimeAssemblyGroups.SelectMany(g => g.AssetPaths), p => p.EndsWith("/DistributedLock.Postgres.dll", StringComparison.Ordinal));

        var reference = Assert.Single(typeof(AdvisoryLock).Assembly.GetReferencedAssemblies(), a => a.Name == "DistributedLock.Postgres");
        var loaded = Assembly.Load(reference);
        var type = loaded.GetType("Medallion.Threading.Postgres.PostgresDistributedLock", throwOnError: true);
        Assert.Same(typeof(PostgresDistributedLock), type);
        Assert.True(loaded.GetName().Version >= reference.Version);
        var providers = typeof(AdvisoryLock).GetField("_distributedLockProviders", BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.NotNull(providers);
        Assert.Contains(typeof(PostgresDistributedLock), providers.FieldType.GetGenericArguments());
    }

    [Fact]
    public async Task PostgresDistributedLock_from_the_shimmed_package_excludes_a_second_holder()
    {
        await using var dataSource = NpgsqlDataSource.Create(LmsApiFactory.ConnectionString);
        var key = new PostgresAdvisoryLockKey("lms-platform-test-" + Guid.NewGuid().ToString("N"), allowHashing: true);
        var a = new PostgresDistributedLock(key, dataSource);
        var b = new PostgresDistributedLock(key, dataSource);

        await using (var held = await a.TryAcquireAsync())
        {
            Assert.NotNull(held);
            Assert.False(held.HandleLostToken.IsCancellationRequested);
            await using var refused = await b.TryAcquireAsync();
            Assert.Null(refused);
        }

        await using var afterRelease = await b.TryAcquireAsync();
        Assert.NotNull(afterRelease);
    }

    /// <summary>Sessions holding the advisory lock on the single bigint key (high half in classid, low half in objid).</summary>
    private static async Task<long> HoldersInPostgres(int lockId)
    {
        await using var conn = new NpgsqlConnection(LmsApiFactory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            select count(*) from pg_locks
            where locktype = 'advisory' and granted and objsubid = 1 and classid::bigint = 0 and objid::bigint = @id
              and database = (select oid from pg_database where datname = current_database())
            """, conn);
        cmd.Parameters.AddWithValue("id", (long)lockId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
