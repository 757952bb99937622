using Lms.Features.Common.Paging;

namespace Lms.Features.Identity.Clients;

/// <summary>001 <c>GET /accounts/features/</c>: the feature catalogue, anyone may read it. A bare array (paging in headers).</summary>
public static class ListFeatures001
{
    public sealed record Query(PageQuery Page) : IRequest<(IReadOnlyList<FeatureResponse> Results, long Count)>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<FeatureResponse> Results, long Count)>
    {
        public async Task<(IReadOnlyList<FeatureResponse> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var page = await session.Query<Feature>().Stats(out var stats).OrderBy(f => f.Id)
                .Skip(q.Page.Skip).Take(q.Page.PageSize).ToListAsync(ct);
            if (stats.TotalResults < FeatureCatalog.All.Count)
            {
                // Not written yet (first use, or right after a data reset): write it and answer from the code's copy.
                await FeatureCatalog.PopulateAsync(session.DocumentStore, ct);
                return (FeatureCatalog.All.Skip(q.Page.Skip).Take(q.Page.PageSize).Select(FeatureResponse.From).ToList(), FeatureCatalog.All.Count);
            }
            return (page.Select(FeatureResponse.From).ToList(), stats.TotalResults);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/accounts/features/", async (HttpResponse response, IMediator m, CancellationToken ct, string? page, string? page_size) =>
                {
                    var paging = PageQuery.Parse(page, page_size, Doc001.Page);
                    var (results, count) = await m.Send(new Query(paging), ct);
                    PageHeaders.Write(response, paging, count);
                    return TypedResults.Ok(results);
                })
                .WithName("001.ListFeatures").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400)
                .AllowAnonymous();
    }
}
