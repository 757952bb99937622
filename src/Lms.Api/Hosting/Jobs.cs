using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Lms.Features.Common.Security;
using Npgsql;

namespace Lms.Api.Hosting;

/// <summary>Configuration section <c>Lms:Jobs</c>.</summary>
public sealed class JobSettings
{
    public string Schema { get; set; } = "hangfire";
    public int MaxPoolSize { get; set; } = 10;
    public int WorkerCount { get; set; } = 2;
    public bool RunServer { get; set; } = true;
}

/// <summary>A real Hangfire server on PostgreSQL; its dashboard at <c>/hangfire</c> for platform admins only.</summary>
internal static class Jobs
{
    public static IServiceCollection AddLmsJobs(this IServiceCollection services, string connectionString, JobSettings settings)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = settings.MaxPoolSize, ApplicationName = "lms-hangfire" };
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = settings.Schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        // This host's own storage, registered before AddHangfire (which only TryAdds JobStorage.Current, a process-wide
        // static): a second host in the same process, as the integration tests start, would otherwise hand its storage
        // to this host's dashboard, server and clients.
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(csb.ConnectionString, storageOptions, null), storageOptions));
        services.AddHangfire((sp, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        // The dashboard's CSRF defence (ASP.NET Core antiforgery, used by Hangfire.AspNetCore when registered), on top of
        // the SameSite=Lax access_token cookie. No other route uses it: the API's form routes opt out (DisableAntiforgery).
        // X-Frame-Options is SecurityHeaders' (DENY), not antiforgery's SAMEORIGIN.
        services.AddAntiforgery(o =>
        {
            o.SuppressXFrameOptionsHeader = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        if (settings.RunServer)
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = settings.WorkerCount;
                o.ServerName = $"lms-{Environment.MachineName}";
                // This host's own activator: AddHangfire also sets a process-wide one, which the last host built wins
                // (and which dies with it when tests dispose that host).
                o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            });
        }
        return services;
    }

    public static IApplicationBuilder UseLmsJobsDashboard(this IApplicationBuilder app) =>
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new PlatformAdminOnly()],
            AppPath = "/docs",
            DashboardTitle = "Lms jobs",
            // The default, spelled out: with IAntiforgery registered (above) the dashboard puts a request token in its
            // pages and answers a POST (delete, requeue, trigger, the stats poll) without it with 403, so a page elsewhere
            // (another site, or a sibling subdomain SameSite does not guard against) cannot act with the admin's cookie.
            IgnoreAntiforgeryToken = false,
        });

    /// <summary>
    /// The dashboard shows every client's jobs and their arguments, so it is for platform admins only (an admin of the
    /// default client, by bearer token or access_token cookie); the admin of another client gets 403, anonymous 401.
    /// </summary>
    private sealed class PlatformAdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsPlatformAdmin();
    }
}
