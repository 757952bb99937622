using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.ListUsers;

/// <summary>
/// What 002's three user lists share: DRF's page envelope (20 by default, <c>page_size</c> up to 100), DRF
/// SearchFilter's rule (the search is split into words, and every word must match one of the fields,
/// case-insensitively), and who is listed at all (an admin also sees deactivated accounts; others do not).
/// </summary>
public static class UserListing
{
    public const int GradeMax = AccountRules002.GradeMax;

    /// <summary>Every word in e-mail, username, first or last name (so "John Doe" finds John Doe).</summary>
    public static IQueryable<User> SearchAccounts(this IQueryable<User> query, string? search)
    {
        foreach (var term in ListParameters.SearchTerms(search))
        {
            var key = AccountRules.Key(term);
            query = query.Where(u => u.EmailNormalized.Contains(key) || u.UsernameNormalized.Contains(key) ||
                                     u.FirstName.Contains(term, StringComparison.OrdinalIgnoreCase) ||
                                     u.LastName.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
        return query;
    }

    /// <summary>Every word in the first or last name only (what a student may search other students by).</summary>
    public static IQueryable<User> SearchNames(this IQueryable<User> query, string? search)
    {
        foreach (var term in ListParameters.SearchTerms(search))
        {
            query = query.Where(u => u.FirstName.Contains(term, StringComparison.OrdinalIgnoreCase) ||
                                     u.LastName.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
        return query;
    }

    /// <summary>
    /// Students of one grade (exact, ignoring case and surrounding spaces); no filter when blank. Written as
    /// <c>lower(grade) = value</c>, which <see cref="GradeIndex"/>'s index serves: Marten turns
    /// <c>Equals(..., OrdinalIgnoreCase)</c> into an unescaped ILIKE, where "%" and "_" would be wildcards.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1862",
        Justification = "Translated to SQL by Marten: lower() = matches the lower-cased index; Equals(OrdinalIgnoreCase) would be an ILIKE pattern.")]
    public static IQueryable<User> InGrade(this IQueryable<User> query, string? grade)
    {
        if (string.IsNullOrWhiteSpace(grade)) return query;
        var g = grade.Trim().ToLowerInvariant();
        return query.Where(u => u.Grade.ToLowerInvariant() == g);
    }

    /// <summary>Deactivated accounts are listed to admins only.</summary>
    public static IQueryable<User> VisibleTo(this IQueryable<User> query, Caller caller) =>
        caller.IsAdmin ? query : query.Where(u => u.IsActive);

    public static IRuleBuilderOptions<T, string?> SearchText<T>(this IRuleBuilder<T, string?> rule) => rule.MaxChars(ListParameters.SearchMax).SingleLine();

    public static IRuleBuilderOptions<T, string?> GradeFilter<T>(this IRuleBuilder<T, string?> rule) => rule.MaxChars(GradeMax).SingleLine();
}
