using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.ListUsers;

/// <summary>
/// 002 <c>GET /api/users/teachers/all/</c>: any signed-in user lists the teachers (their e-mail is their public
/// contact, as the document shows). Paged, <c>search</c> in e-mail, username, name and specialization, oldest first.
/// </summary>
public static class ListTeachers002
{
    public sealed record Query(Caller Caller, PageQuery Page, string? Search) : IRequest<(IReadOnlyList<Row> Results, long Count)>;

    public sealed record Row(long Id, string Email, string FullName, string Specialization);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(x => x.Search).SearchText();
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<Row> Results, long Count)>
    {
        public async Task<(IReadOnlyList<Row> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var query = session.Query<User>().Where(u => u.Role == Role.Teacher).VisibleTo(q.Caller);
            foreach (var term in ListParameters.SearchTerms(q.Search))
            {
                var key = AccountRules.Key(term);
                query = query.Where(u => u.EmailNormalized.Contains(key) || u.UsernameNormalized.Contains(key) ||
                                         u.FirstName.Contains(term, StringComparison.OrdinalIgnoreCase) ||
                                         u.LastName.Contains(term, StringComparison.OrdinalIgnoreCase) ||
                                         u.Specialization.Contains(term, StringComparison.OrdinalIgnoreCase));
            }

            var count = await query.CountAsync(ct);
            if (count <= q.Page.Skip) return ([], count);
            var page = await query.OrderBy(u => u.Id).Skip(q.Page.Skip).Take(q.Page.PageSize)
                .Select(u => new { u.Id, u.Email, u.FirstName, u.LastName, u.Specialization })
                .ToListAsync(ct);
            return (page.Select(u => new Row(u.Id, u.Email, $"{u.FirstName} {u.LastName}".Trim(), u.Specialization)).ToList(), count);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/teachers/all/", async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? page_size, string? search) =>
                {
                    var paging = PageQuery.Parse(page, page_size, Doc002.Page);
                    var (results, count) = await m.Send(new Query(Caller.From(user), paging, search), ct);
                    return TypedResults.Ok(PageLinks.Envelope(request, paging, count, results));
                })
                .WithName("002.ListTeachers").WithTags("002 Users & Profiles")
                .ForDocuments(ApiDocument.Doc002, 400, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
