using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.ListUsers;

/// <summary>
/// 002 <c>GET /api/users/profiles/all/</c>: admins list every account, teachers students and teachers, students get
/// 403. Paged (<c>page</c>, <c>page_size</c>), <c>search</c> (e-mail, username, name), <c>role</c> and <c>grade</c>
/// filters, oldest account first.
/// </summary>
public static class ListProfiles002
{
    public sealed record Query(Caller Caller, PageQuery Page, string? Search, string? Role, string? Grade)
        : IRequest<(IReadOnlyList<Row> Results, long Count)>;

    public sealed record Row(long Id, string Email, string Role, string FullName);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Search).SearchText();
            RuleFor(x => x.Grade).GradeFilter();
            RuleFor(x => x.Role).Must(r => r is null || Roles.TryParse(r, out _))
                .WithMessage(x => DrfMessages.SelectValidChoice(Shorten(x.Role)));
        }

        private static string? Shorten(string? s) => s is { Length: > 50 } ? s[..50] + "…" : s;
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<Row> Results, long Count)>
    {
        public async Task<(IReadOnlyList<Row> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var query = session.Query<User>().VisibleTo(q.Caller).SearchAccounts(q.Search).InGrade(q.Grade);
            if (!q.Caller.IsAdmin) query = query.Where(u => u.Role != Common.Security.Role.Admin);
            if (q.Role is not null && Roles.TryParse(q.Role, out var role)) query = query.Where(u => u.Role == role);

            var count = await query.CountAsync(ct);
            if (count <= q.Page.Skip) return ([], count);
            var page = await query.OrderBy(u => u.Id).Skip(q.Page.Skip).Take(q.Page.PageSize)
                .Select(u => new { u.Id, u.Email, u.Role, u.FirstName, u.LastName })
                .ToListAsync(ct);
            return (page.Select(u => new Row(u.Id, u.Email, u.Role.Word(), $"{u.FirstName} {u.LastName}".Trim())).ToList(), count);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/profiles/all/", async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? page_size, string? search, string? role, string? grade) =>
                {
                    var paging = PageQuery.Parse(page, page_size, Doc002.Page);
                    var (results, count) = await m.Send(new Query(Caller.From(user), paging, search,
                        string.IsNullOrEmpty(role) ? null : role, grade), ct);
                    return TypedResults.Ok(PageLinks.Envelope(request, paging, count, results));
                })
                .WithName("002.ListProfiles").WithTags("002 Users & Profiles")
                .ForDocuments(ApiDocument.Doc002, 400, 401, 403)
                .RequireAuthorization(Policies.Teacher);
    }
}
