using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lms.Api.Hosting;

/// <summary><c>/health/ready</c>: PostgreSQL answers a query through Marten's own connection pool.</summary>
internal sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession(Lms.Features.Common.Tenancy.TenantContext.TenantIdOf(1));
            var one = await session.QueryAsync<int>("select 1", cancellationToken);
            return one.Count == 1 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("unexpected answer");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable", e);
        }
    }
}
