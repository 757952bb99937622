using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;
using Lms.Features.Courses;
using Lms.Features.Enrollments;
using Lms.Features.Progress;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004 1.18 <c>GET /api/teacher/get_students/</c>: the signed-in teacher's students, 5 a page (DRF's page envelope; a page
/// past the last is DRF's 404 DrfMessages.InvalidPage), ordered by full name unless <c>ordering</c> says otherwise, filtered by
/// <c>is_active</c> (not blocked) and <c>search</c> (username, e-mail or full name, case-insensitive).
/// A fixed number of queries whatever the page: the links (with the count), the page's students, the teacher's courses,
/// and the page's completed lessons and courses in those courses.
/// </summary>
public static class ListStudents004
{
    public enum Order
    {
        FullName,
        FullNameDescending,
        EnrollmentDate,
        EnrollmentDateDescending,
    }

    /// <summary>The documented <c>ordering</c> values.</summary>
    public static readonly IReadOnlyDictionary<string, Order> Orderings = new Dictionary<string, Order>(StringComparer.Ordinal)
    {
        ["student__full_name"] = Order.FullName,
        ["-student__full_name"] = Order.FullNameDescending,
        ["enrollment_date"] = Order.EnrollmentDate,
        ["-enrollment_date"] = Order.EnrollmentDateDescending,
    };

    public sealed record Query(long TeacherId, PageQuery Page, string? Search, string? IsActive, string? Ordering)
        : IRequest<(IReadOnlyList<Row> Results, long Count)>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Search).MaxChars(ListParameters.SearchMax);
            RuleFor(x => x.IsActive).MaxChars(20).Must(v => ListParameters.TryParseFlag(v, out _)).WithMessage(DrfMessages.InvalidBoolean);
            RuleFor(x => x.Ordering).MaxChars(100)
                .Must(o => ListParameters.IsOrdering(o, Orderings))
                .WithMessage(x => ListParameters.UnknownOrdering(x.Ordering, Orderings));
        }
    }

    public sealed record Row(
        Guid Id,
        StudentInfo Student,
        DateOnly EnrollmentDate,
        string? Notes,
        bool IsActive,
        int CompletedLessons,
        DateTimeOffset LastActivity,
        int NumberOfCompletedCourses);

    public sealed record StudentInfo(
        Guid Id,
        UserInfo User,
        string FullName,
        string? Bio,
        string? ProfilePicture,
        DateOnly? DateOfBirth,
        string? Address,
        string? Country,
        string? City,
        string? Gender);

    public sealed record UserInfo(
        Guid Id,
        string FirstName,
        string LastName,
        string Email,
        string Username,
        string Phone,
        string? Avatar,
        string UserType,
        bool IsActive,
        DateTimeOffset CreatedAt,
        DateTimeOffset? LastLogin);

    public sealed class Handler(IQuerySession session, MediaUrls urls) : IRequestHandler<Query, (IReadOnlyList<Row> Results, long Count)>
    {
        public async Task<(IReadOnlyList<Row> Results, long Count)> Handle(Query q, CancellationToken ct)
        {
            var teacherId = q.TeacherId;
            IQueryable<TeacherStudent> query = session.Query<TeacherStudent>().Stats(out var stats).Where(x => x.TeacherId == teacherId);

            if (ListParameters.TryParseFlag(q.IsActive, out var active) && active is { } isActive)
            {
                var blocked = !isActive;
                query = query.Where(x => x.IsBlocked == blocked);
            }
            if (!string.IsNullOrWhiteSpace(q.Search))
            {
                var s = q.Search.Trim();
                var normalized = AccountRules.Key(s);
                query = query.Where(x => x.StudentUsernameNormalized.Contains(normalized)
                                         || x.StudentEmailNormalized.Contains(normalized)
                                         || x.StudentFullName.Contains(s, StringComparison.OrdinalIgnoreCase));
            }

            var order = string.IsNullOrEmpty(q.Ordering) ? Order.FullName : Orderings[q.Ordering];
            IOrderedQueryable<TeacherStudent> ordered = order switch
            {
                Order.FullNameDescending => query.OrderByDescending(x => x.StudentFullName, StringComparer.OrdinalIgnoreCase)
                    .ThenByDescending(x => x.JoinedAt),
                Order.EnrollmentDate => query.OrderBy(x => x.JoinedAt).ThenBy(x => x.StudentFullName, StringComparer.OrdinalIgnoreCase),
                Order.EnrollmentDateDescending => query.OrderByDescending(x => x.JoinedAt)
                    .ThenBy(x => x.StudentFullName, StringComparer.OrdinalIgnoreCase),
                _ => query.OrderBy(x => x.StudentFullName, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.JoinedAt),
            };

            var links = await ordered.ThenBy(x => x.Id)
                .Skip(q.Page.Skip).Take(q.Page.PageSize).ToListAsync(ct);
            if (links.Count == 0 && q.Page.Page > 1) throw Doc004.Errors.InvalidPage();
            if (links.Count == 0) return ([], stats.TotalResults);

            var studentIds = links.Select(l => l.StudentId).Distinct().ToArray();
            var students = (await session.LoadManyAsync<User>(ct, studentIds)).ToDictionary(u => u.Id);
            var (lessons, courses) = await CompletionsAsync(teacherId, studentIds, ct);

            var rows = links.Where(l => students.ContainsKey(l.StudentId)).Select(l =>
            {
                var u = students[l.StudentId];
                var avatar = urls.Absolute(u.AvatarPath);
                var user = new UserInfo(u.Key, u.FirstName, u.LastName, u.Email, u.Username, u.Phone, avatar, u.Role.Word(), u.IsActive,
                    u.DateJoined, u.LastLogin);
                var student = new StudentInfo(u.Key, user, u.FullName, Profiles.OrNull(u.Bio), avatar, u.DateOfBirth,
                    Profiles.OrNull(u.Address), Profiles.OrNull(u.Country), Profiles.OrNull(u.City), Profiles.OrNull(u.Gender));
                return new Row(l.Id, student, DateOnly.FromDateTime(l.JoinedAt.UtcDateTime), Profiles.OrNull(l.Notes), !l.IsBlocked,
                    lessons.GetValueOrDefault(u.Id), l.LastActivity ?? u.LastLogin ?? l.JoinedAt, courses.GetValueOrDefault(u.Id));
            }).ToList();
            return (rows, stats.TotalResults);
        }

        /// <summary>
        /// Lessons and courses the page's students completed in this teacher's courses (a teacher sees progress in their
        /// own courses only): one query for the teacher's courses, one per count.
        /// </summary>
        private async Task<(Dictionary<long, int> Lessons, Dictionary<long, int> Courses)> CompletionsAsync(
            long teacherId, long[] studentIds, CancellationToken ct)
        {
            var courseIds = (await session.Query<Course>().Where(c => c.InstructorId == teacherId).Select(c => c.Id).ToListAsync(ct)).ToArray();
            if (courseIds.Length == 0) return ([], []);

            var lessons = await session.Query<LessonProgress>()
                .Where(p => studentIds.Contains(p.StudentId) && courseIds.Contains(p.CourseId) && p.Status == ProgressStatus.Completed)
                .Select(p => p.StudentId)
                .ToListAsync(ct);
            var courses = await session.Query<Enrollment>()
                .Where(e => studentIds.Contains(e.StudentId) && courseIds.Contains(e.CourseId) && e.Status == EnrollmentStatus.Completed)
                .Select(e => e.StudentId)
                .ToListAsync(ct);
            return (lessons.CountBy(id => id).ToDictionary(), courses.CountBy(id => id).ToDictionary());
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Get, "/teacher/get_students/",
                async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct,
                    string? page, string? search, string? is_active, string? ordering) =>
                {
                    var paging = PageQuery.Parse(page, null, Doc004.Page);
                    var (results, count) = await m.Send(new Query(user.UserId(), paging, search, is_active, ordering), ct);
                    return TypedResults.Ok(PageLinks.Envelope(request, paging, count, results));
                },
                "ListTeacherStudents",
                route => route.ForDocuments(ApiDocument.Doc004, 400, 401, 403, 404)
                    .RequireUserType(Role.Teacher, Doc004.Errors.NotATeacher));
    }
}
