using JasperFx;
using Lms.Features.Common.Tenancy;
using Npgsql;
using Weasel.Core;

namespace Lms.Features.Common.Persistence;

/// <summary>Configuration section <c>Lms:Database</c>.</summary>
public sealed class DatabaseSettings
{
    /// <summary>PostgreSQL schema for Marten's tables; tests use one schema per run.</summary>
    public string Schema { get; set; } = "lms";

    /// <summary>Marten's pool. With Hangfire's pool it must stay below the server's max_connections (100).</summary>
    public int MaxPoolSize { get; set; } = 30;

    /// <summary>
    /// Npgsql's automatic preparation: a statement sent twice is prepared on its connection, so PostgreSQL stops parsing
    /// and planning the hot reads on every request (0 turns it off). Per connection, so it costs server memory per pool slot.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>
    /// Npgsql's reset of a pooled connection (<c>RESET ALL; CLOSE ALL; UNLISTEN *; …</c>, seven statements sent before
    /// the next request's query). Off: Lms sets no session state on Marten's connections (its advisory locks are
    /// transaction-scoped, it uses no LISTEN, temporary tables or session settings), so the reset would only cost
    /// PostgreSQL a round of parsing on every request.
    /// </summary>
    public bool ResetOnClose { get; set; }
}

public static class MartenSetup
{
    /// <summary>
    /// Marten document storage: every <see cref="IConfigureMarten"/> in the features assembly declares its
    /// documents and indexes next to its feature; sessions open for the current tenant.
    /// </summary>
    public static IServiceCollection AddLmsMarten(this IServiceCollection services, string connectionString, DatabaseSettings settings)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = settings.MaxPoolSize,
            MaxAutoPrepare = settings.MaxAutoPrepare,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = !settings.ResetOnClose,
            ApplicationName = "lms-marten",
        };

        foreach (var type in typeof(MartenSetup).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IConfigureMarten).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IConfigureMarten), type);
            if (typeof(IMaintainCounts).IsAssignableFrom(type)) services.AddSingleton(typeof(IMaintainCounts), type);
        }
        services.AddSingleton<MaintainedCounts>();

        services.AddMarten(options =>
            {
                options.Connection(csb.ConnectionString);
                options.DatabaseSchemaName = settings.Schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Advanced.DefaultTenantUsageEnabled = false;
                // Weasel's advisory lock in its default (multiplexed) mode is refused by DistributedLock.Postgres 1.3.1,
                // which stands in for Patched.DistributedLock.Postgres 1.3.3 (build/packages/); the transactional mode works.
                options.Events.UseAdvisoryLockTransaction = true;
            })
            .UseLightweightSessions()
            .BuildSessionsWith<TenantSessionFactory>(ServiceLifetime.Scoped)
            .ApplyAllDatabaseChangesOnStartup();
        return services;
    }
}

/// <summary>Opens every request's sessions for the request's client (tenant, spec decision 4).</summary>
public sealed class TenantSessionFactory(IDocumentStore store, TenantContext tenant) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(tenant.TenantId);

    public IDocumentSession OpenSession() => store.LightweightSession(tenant.TenantId);
}
