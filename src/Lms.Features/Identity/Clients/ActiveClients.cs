using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;

namespace Lms.Features.Identity.Clients;

/// <summary>
/// 001's <c>{client_id}</c> routes act in that client (spec decision 4): an unknown or inactive client is DRF's 404
/// <c>{"detail": "Not found."}</c>, before any work is done.
/// </summary>
public static class ActiveClients
{
    public static Task<bool> IsActiveAsync(IQuerySession session, long clientId, CancellationToken ct) =>
        session.Query<Client>().AnyAsync(c => c.Id == clientId && c.IsActive, ct);

    /// <summary>Adds the check as an endpoint filter (after authentication and authorization, before the handler).</summary>
    public static TBuilder RequireActiveClient<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var session = http.RequestServices.GetRequiredService<IQuerySession>();
            if (TenantContext.FromRoute(http) is not { } clientId || !await IsActiveAsync(session, clientId, http.RequestAborted))
                throw new ClientNotFound();
            return await next(context);
        });

    /// <summary>
    /// Platform administration (listing and creating clients, selecting a client's features) is for the admins of the
    /// default client 1; an admin of any other client gets 403.
    /// </summary>
    public static void RequirePlatformAdmin(ClaimsPrincipal user)
    {
        if (!user.IsPlatformAdmin())
            throw new PermissionDenied();
    }
}

/// <summary>DRF's bare 404.</summary>
public sealed class ClientNotFound() : AppException(404, "NOT_FOUND", "Not found.");
