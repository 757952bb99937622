using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.ListUsers;

/// <summary>
/// 000 <c>GET /api/auth/users/?user_type=student|tutor|admin</c>: a bare array ordered by id, paged by <c>page</c> and
/// <c>page_size</c> (50 by default, at most 200) with the totals in X-Pagination-* headers (spec decision 8).
/// Admins see every account; tutors see active students and tutors; students see active tutors only, without their
/// e-mail and phone (the document shows no list answer; its app lists users on its admin page only).
/// </summary>
public static class ListUsers000
{
    public sealed record Query(Caller Caller, PageQuery Page, string? UserType)
        : IRequest<(IReadOnlyList<UserView000> Results, long Count)>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(x => x.UserType).Must(t => t is null || t.Length <= 20 && Roles.TryParse(t, out _))
                .WithMessage(x => DrfMessages.NotAChoice(x.UserType!.Length <= 20 ? x.UserType : x.UserType[..20] + "…"));
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<UserView000> Results, long Count)>
    {
        public async Task<(IReadOnlyList<UserView000> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var roles = AccountRules000.VisibleTo(q.Caller.Role).ToList();
            if (q.UserType is not null && Roles.TryParse(q.UserType, out var wanted)) roles.RemoveAll(r => r != wanted);
            if (roles.Count == 0) return ([], 0);

            IQueryable<User> query = session.Query<User>().Stats(out var stats);
            if (!q.Caller.IsAdmin) query = query.Where(u => u.IsActive);
            if (roles.Count == 1)
            {
                var only = roles[0];
                query = query.Where(u => u.Role == only);
            }
            else if (roles.Count == 2)
            {
                var (a, b) = (roles[0], roles[1]);
                query = query.Where(u => u.Role == a || u.Role == b);
            }

            var rows = await query.OrderBy(u => u.Id).Skip(q.Page.Skip).Take(q.Page.PageSize)
                .Select(u => new { u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.Role, u.Phone, u.EmailVerified, u.DateJoined })
                .ToListAsync(ct);
            var contact = q.Caller.Role is Role.Admin or Role.Teacher;
            var results = rows.Select(u => new UserView000(u.Id, u.Username, contact ? u.Email : null, u.FirstName, u.LastName,
                Doc000.Word(u.Role), contact ? u.Phone : null, u.EmailVerified, u.DateJoined)).ToList();
            return (results, stats.TotalResults);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/auth/users/", async (HttpResponse response, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? page_size, string? user_type) =>
                {
                    var paging = PageQuery.Parse(page, page_size, Doc000.Page);
                    var (results, count) = await m.Send(new Query(Caller.From(user), paging,
                        string.IsNullOrEmpty(user_type) ? null : user_type), ct);
                    PageHeaders.Write(response, paging, count);
                    return TypedResults.Ok(results);
                })
                .WithName("000.ListUsers").WithTags("000 Authentication")
                .ForDocuments(ApiDocument.Doc000, 400, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
