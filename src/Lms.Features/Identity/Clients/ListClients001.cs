using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Clients;

/// <summary>001 <c>GET /accounts/clients/</c>: every client, for the platform admins (admins of client 1). A bare array.</summary>
public static class ListClients001
{
    public sealed record Query(PageQuery Page) : IRequest<(IReadOnlyList<ClientResponse> Results, long Count)>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<ClientResponse> Results, long Count)>
    {
        public async Task<(IReadOnlyList<ClientResponse> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var page = await session.Query<Client>().Stats(out var stats).OrderBy(c => c.Id)
                .Skip(q.Page.Skip).Take(q.Page.PageSize).ToListAsync(ct);
            var catalogue = await FeatureCatalog.LoadAsync(session, ct);
            return (page.Select(c => ClientResponse.From(c, catalogue)).ToList(), stats.TotalResults);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/accounts/clients/", async (ClaimsPrincipal user, HttpResponse response, IMediator m, CancellationToken ct,
                    string? page, string? page_size) =>
                {
                    ActiveClients.RequirePlatformAdmin(user);
                    var paging = PageQuery.Parse(page, page_size, Doc001.Page);
                    var (results, count) = await m.Send(new Query(paging), ct);
                    PageHeaders.Write(response, paging, count);
                    return TypedResults.Ok(results);
                })
                .WithName("001.ListClients").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 403)
                .RequireAuthorization(Policies.Admin);
    }
}
