using System.Security.Claims;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Features.Courses.ListCourses;

/// <summary>
/// 003 <c>GET /api/courses/</c>: paged (20 by default, at most 100), <c>search</c> in title/description,
/// <c>level</c> and <c>status</c> filters. Anonymous callers and students see published courses; teachers also
/// their own; admins all. Newest first.
/// </summary>
public static class ListCourses003
{
    public sealed record Query(Caller? Caller, PageQuery Page, string? Search, string? Level, string? Status)
        : IRequest<(IReadOnlyList<CourseResponse> Results, long Count)>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Search).MaxChars(200);
            RuleFor(x => x.Level).Must(CourseRules.IsLevel)
                .WithMessage(x => DrfMessages.SelectValidChoice(x.Level));
            RuleFor(x => x.Status).Must(CourseRules.IsStatus)
                .WithMessage(x => DrfMessages.SelectValidChoice(x.Status));
        }
    }

    /// <summary>
    /// The fast list: one statement for the page, its instructors and the count. The count of an unsearched page is read
    /// from the catalog's maintained counts (per client, status and level), so it costs the same for 12 courses or
    /// 100k; a search counts its matches (trigram indexes). The page is an index scan of <c>ix_courses_catalog</c>.
    /// </summary>
    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<CourseResponse> Results, long Count)>
    {
        private static readonly string[] AllStatuses = Enum.GetNames<CourseStatus>();

        public async Task<(IReadOnlyList<CourseResponse> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var caller = q.Caller;
            var level = q.Level is null ? (CourseLevel?)null : Enum.Parse<CourseLevel>(q.Level, ignoreCase: true);
            var status = q.Status is null ? (CourseStatus?)null : Enum.Parse<CourseStatus>(q.Status, ignoreCase: true);
            var search = string.IsNullOrWhiteSpace(q.Search) ? null : q.Search.Trim();
            var published = nameof(CourseStatus.Published);
            // Students and anonymous callers see published courses; teachers also their own; admins all.
            long? own = caller is { Role: Role.Teacher } ? caller.Id : null;
            var everything = caller is { IsAdmin: true };

            var where = new SqlText(session).Tenant("c");
            if (!everything)
            {
                if (own is { } ownId) where.Add(" and (c.data ->> 'Status' = ? or (c.data ->> 'InstructorId')::bigint = ?)", published, ownId);
                else where.Add(" and c.data ->> 'Status' = ?", published);
            }
            if (status is { } st) where.Add(" and c.data ->> 'Status' = ?", st.ToString());
            if (level is { } lv) where.Add(" and c.data ->> 'Level' = ?", lv.ToString());
            if (search is not null)
            {
                var pattern = SqlText.Contains(search);
                where.Add(" and (c.data ->> 'Title' ilike ? or c.data ->> 'Description' ilike ?)", pattern, pattern);
            }

            var count = new SqlText(session);
            if (search is not null)
            {
                count.Add($"select count(*) from {count.Table<Course>()} c where ").Add(where);
            }
            else
            {
                // The statuses the caller sees in full (from the counts), plus a teacher's own unpublished ones.
                var seen = everything ? AllStatuses : [published];
                if (status is { } only) seen = seen.Contains(only.ToString()) ? [only.ToString()] : [];
                MaintainedCounts.AddCount<Course>(count, session, seen, level?.ToString());
                if (own is { } ownId && status is not CourseStatus.Published)
                {
                    count.Add($" + (select count(*) from {count.Table<Course>()} c where ").Tenant("c")
                        .Add(" and (c.data ->> 'InstructorId')::bigint = ? and c.data ->> 'Status' <> ?", ownId, published);
                    if (status is { } s2) count.Add(" and c.data ->> 'Status' = ?", s2.ToString());
                    if (level is { } l2) count.Add(" and c.data ->> 'Level' = ?", l2.ToString());
                    count.Add(")");
                }
            }

            var sql = new SqlText(session)
                .Add($"with page as (select c.tenant_id, c.id, c.data from {where.Table<Course>()} c where ").Add(where)
                .Add($" order by {where.NewestFirst("c", nameof(Course.CreatedAt))} {SqlText.LimitOffset(q.Page.PageSize, q.Page.Skip)})")
                .Add($" select row(p.data, p.id), {CourseResponse.InstructorSummary.Sql("p", where.Table<User>())}, row((").Add(count).Add("))")
                .Add($" from page p order by {where.NewestFirst("p", nameof(Course.CreatedAt))}");
            var rows = await session.AdvancedSql.QueryAsync<Course, CourseResponse.InstructorSummary, long>(sql.Sql, ct, sql.Args);
            if (rows.Count > 0)
                return (rows.Select(r => CourseResponse.From(r.Item1, r.Item2)).ToList(), rows[0].Item3);
            return ([], await SqlText.CountForEmptyPageAsync(session, count, q.Page, ct));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public const int DefaultPageSize = 20;
        public const int MaxPageSize = 100;

        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/courses/", async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? page_size, string? search, string? level, string? status) =>
                {
                    var paging = PageQuery.Parse(page, page_size, DefaultPageSize, MaxPageSize);
                    var (results, count) = await m.Send(new Query(Caller.FromOrNull(user), paging, search,
                        string.IsNullOrEmpty(level) ? null : level, string.IsNullOrEmpty(status) ? null : status), ct);
                    return TypedResults.Ok(PageLinks.Envelope(request, paging, count, results));
                })
                .WithName("003.ListCourses").WithTags("003 Courses")
                .ForDocuments(ApiDocument.Doc003, 400)
                .AllowAnonymous();
    }
}
