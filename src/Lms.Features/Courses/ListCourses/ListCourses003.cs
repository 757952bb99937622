using System.Security.Claims;
using Lms.Features.Common.Paging;
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

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, (IReadOnlyList<CourseResponse> Results, long Count)>
    {
        public async Task<(IReadOnlyList<CourseResponse> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            IQueryable<Course> query = session.Query<Course>().Stats(out var stats);

            var caller = q.Caller;
            if (caller is null || caller.Role == Role.Student)
                query = query.Where(c => c.Status == CourseStatus.Published);
            else if (caller.Role == Role.Teacher)
                query = query.Where(c => c.Status == CourseStatus.Published || c.InstructorId == caller.Id);

            if (!string.IsNullOrWhiteSpace(q.Search))
            {
                var s = q.Search.Trim();
                query = query.Where(c => c.Title.Contains(s, StringComparison.OrdinalIgnoreCase)
                                         || c.Description.Contains(s, StringComparison.OrdinalIgnoreCase));
            }
            if (q.Level is not null)
            {
                var level = Enum.Parse<CourseLevel>(q.Level, ignoreCase: true);
                query = query.Where(c => c.Level == level);
            }
            if (q.Status is not null)
            {
                var status = Enum.Parse<CourseStatus>(q.Status, ignoreCase: true);
                query = query.Where(c => c.Status == status);
            }

            var page = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Skip(q.Page.Skip).Take(q.Page.PageSize).ToListAsync(ct);
            // One more query for the page's instructors (not Include: it stages ids in a temporary table, slower here).
            var instructors = (await session.LoadManyAsync<User>(ct, page.Select(c => c.InstructorId).Distinct()))
                .ToDictionary(u => u.Id);
            var results = page.Select(c => CourseResponse.From(c, instructors.GetValueOrDefault(c.InstructorId))).ToList();
            return (results, stats.TotalResults);
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
