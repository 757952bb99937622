using System.Security.Claims;
using System.Text.Json.Serialization;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.ListUsers;

/// <summary>
/// 002 <c>GET /api/users/students/all/</c>: admins and teachers see each student's details (e-mail, phones, grade);
/// a student sees the others' limited info only: id, full name and grade (no contact details, and a student's
/// search matches names only, so it cannot probe e-mails). Paged, <c>search</c> and <c>grade</c>, oldest first.
/// </summary>
public static class ListStudents002
{
    public sealed record Query(Caller Caller, PageQuery Page, string? Search, string? Grade)
        : IRequest<(IReadOnlyList<Row> Results, long Count)>;

    /// <summary>The contact and account fields are null (and left out) in a student's view.</summary>
    public sealed record Row(
        long Id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
        string FullName,
        string Grade,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GuardianPhone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? IsActive,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? DateJoined);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Search).SearchText();
            RuleFor(x => x.Grade).GradeFilter();
        }
    }

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<Row> Results, long Count)>
    {
        public async Task<(IReadOnlyList<Row> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var details = q.Caller.Role is Role.Admin or Role.Teacher;
            var query = session.Query<User>().Where(u => u.Role == Role.Student).VisibleTo(q.Caller).InGrade(q.Grade);
            query = details ? query.SearchAccounts(q.Search) : query.SearchNames(q.Search);

            var count = await query.CountAsync(ct);
            if (count <= q.Page.Skip) return ([], count);
            var ordered = query.OrderBy(u => u.Id).Skip(q.Page.Skip).Take(q.Page.PageSize);
            if (!details)
            {
                var limited = await ordered.Select(u => new { u.Id, u.FirstName, u.LastName, u.Grade }).ToListAsync(ct);
                return (limited.Select(u => new Row(u.Id, null, FullName(u.FirstName, u.LastName), u.Grade, null, null, null, null)).ToList(), count);
            }
            var full = await ordered
                .Select(u => new { u.Id, u.Email, u.FirstName, u.LastName, u.Grade, u.Phone, u.GuardianPhone, u.IsActive, u.DateJoined })
                .ToListAsync(ct);
            return (full.Select(u => new Row(u.Id, u.Email, FullName(u.FirstName, u.LastName), u.Grade, u.Phone, u.GuardianPhone,
                u.IsActive, u.DateJoined)).ToList(), count);
        }

        private static string FullName(string first, string last) => $"{first} {last}".Trim();
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/students/all/", async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? page_size, string? search, string? grade) =>
                {
                    var paging = PageQuery.Parse(page, page_size, Doc002.Page);
                    var (results, count) = await m.Send(new Query(Caller.From(user), paging, search, grade), ct);
                    return TypedResults.Ok(PageLinks.Envelope(request, paging, count, results));
                })
                .WithName("002.ListStudents").WithTags("002 Users & Profiles")
                .ForDocuments(ApiDocument.Doc002, 400, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
