namespace Lms.Features.Common.Paging;

/// <summary>
/// The list mechanics the documents share, as the original Django backends read their query strings: DRF
/// SearchFilter's <c>search</c> (split into words, each of which must match), DRF OrderingFilter's <c>ordering</c> keys,
/// and django-filter's booleans.
/// </summary>
public static class ListParameters
{
    public const int SearchMax = 200;
    public const int MaxSearchTerms = 8;

    /// <summary>The search's words, once each ignoring case (at most <see cref="MaxSearchTerms"/>; further words are ignored).</summary>
    public static IReadOnlyList<string> SearchTerms(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? []
            : search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxSearchTerms).ToArray();

    /// <summary>A django-filter BooleanFilter value: null when absent, false (refused) when not a boolean.</summary>
    public static bool TryParseFlag(string? value, out bool? flag)
    {
        flag = null;
        if (string.IsNullOrEmpty(value)) return true;
        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "1": flag = true; return true;
            case "false" or "0": flag = false; return true;
            default: return false;
        }
    }

    /// <summary>An <c>ordering</c> value: absent, or one of the route's keys.</summary>
    public static bool IsOrdering<TOrder>(string? ordering, IReadOnlyDictionary<string, TOrder> keys) =>
        string.IsNullOrEmpty(ordering) || keys.ContainsKey(ordering);

    /// <summary>OrderingFilter's message for an unknown key, listing the keys the route takes.</summary>
    public static string UnknownOrdering<TOrder>(string? ordering, IReadOnlyDictionary<string, TOrder> keys) =>
        $"Select a valid choice. {ordering} is not one of the available choices: " + string.Join(", ", keys.Keys) + ".";
}
