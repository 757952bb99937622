using System.Globalization;

namespace Lms.Features.Common.Tenancy;

/// <summary>
/// The current client (tenant, spec decision 4): the route's <c>{client_id}</c>, or the default client 1 for
/// the documents without tenants. Marten sessions are opened for this tenant.
/// </summary>
public sealed class TenantContext
{
    public const long DefaultClientId = 1;

    private long? _override;
    private readonly IHttpContextAccessor _http;

    public TenantContext(IHttpContextAccessor http) => _http = http;

    public long ClientId => _override ?? FromRoute(_http.HttpContext) ?? DefaultClientId;

    public string TenantId => TenantIdOf(ClientId);

    /// <summary>For jobs and start-up work that have no HTTP request.</summary>
    public void Use(long clientId) => _override = clientId;

    public static string TenantIdOf(long clientId) => clientId.ToString(CultureInfo.InvariantCulture);

    public static long? FromRoute(HttpContext? http) =>
        http?.GetRouteValue("client_id") is { } v && long.TryParse(Convert.ToString(v, CultureInfo.InvariantCulture), out var id) ? id : null;
}
