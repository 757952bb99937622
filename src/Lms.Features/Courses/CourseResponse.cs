using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Features.Courses;

/// <summary>003's course shape (the document shows only the request; the response echoes it with ids and times).</summary>
public sealed record CourseResponse(
    long Id,
    string Title,
    string Slug,
    string Description,
    string Category,
    CourseLevel Level,
    int DurationWeeks,
    CourseStatus Status,
    CourseResponse.InstructorSummary Instructor,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public sealed record InstructorSummary(long Id, string Username, string FullName)
    {
        /// <summary>
        /// The summary as a hot read selects it for course row <paramref name="course"/>: three members of the
        /// instructor's row, not the whole account document; blank when the account is gone. A correlated subquery (a
        /// primary-key lookup per row), so a prepared statement's generic plan cannot turn it into a scan of every
        /// account to hash-join a page of 20.
        /// </summary>
        public static string Sql(string course, string users) =>
            $"row(coalesce((select jsonb_build_object('Id', u.id, 'Username', u.data -> 'Username', 'FullName', u.data -> 'FullName') " +
            $"from {users} u where u.tenant_id = {course}.tenant_id and u.id = ({course}.data ->> 'InstructorId')::bigint), " +
            $"jsonb_build_object('Id', ({course}.data ->> 'InstructorId')::bigint, 'Username', '', 'FullName', '')))";
    }

    public static CourseResponse From(Course c, User? instructor) =>
        From(c, new InstructorSummary(c.InstructorId, instructor?.Username ?? "", instructor?.FullName ?? ""));

    public static CourseResponse From(Course c, InstructorSummary instructor) => new(
        c.Id, c.Title, c.Slug, c.Description, c.Category, c.Level, c.DurationWeeks, c.Status, instructor, c.CreatedAt, c.UpdatedAt);
}

/// <summary>Input rules shared by create and update (both take the same fields).</summary>
internal static class CourseRules
{
    public const string SlugPattern = "^[-a-zA-Z0-9_]+$";

    public static bool IsLevel(string? v) => v is null || IsName<CourseLevel>(v);

    public static bool IsStatus(string? v) => v is null || IsName<CourseStatus>(v);

    /// <summary>
    /// One member's name, any case. Not Enum.TryParse: it also takes numbers and comma lists ("intermediate,advanced"
    /// parses to the undefined value 3, which is stored and then cannot be written as JSON).
    /// </summary>
    private static bool IsName<T>(string v) where T : struct, Enum =>
        Enum.GetNames<T>().Any(n => string.Equals(n, v, StringComparison.OrdinalIgnoreCase));

    public static string Slugify(string title)
    {
        var chars = title.Trim().ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "course" : slug[..Math.Min(slug.Length, 200)];
    }

    public static void EnsureTeacher(Caller caller)
    {
        if (caller.Role == Role.Student) throw new PermissionDenied("Only teachers and admins can manage courses.");
    }
}
