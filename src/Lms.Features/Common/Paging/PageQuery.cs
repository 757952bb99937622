using System.Globalization;

namespace Lms.Features.Common.Paging;

/// <summary>A page request already checked against the document's default and maximum size.</summary>
public readonly record struct PageQuery(int Page, int PageSize)
{
    public int Skip => (Page - 1) * PageSize;

    /// <summary>
    /// Parses <c>page</c> and <c>page_size</c> as sent (strings, so "abc" becomes a clean 400, not a binding failure).
    /// Sizes above the maximum are clamped, as DRF's max_page_size does.
    /// </summary>
    public static PageQuery Parse(string? page, string? pageSize, PageDefaults defaults) =>
        Parse(page, pageSize, defaults.Default, defaults.Max);

    /// <inheritdoc cref="Parse(string?, string?, PageDefaults)"/>
    public static PageQuery Parse(string? page, string? pageSize, int defaultSize, int maxSize)
    {
        var p = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p) || p < 1))
            throw ValidationFailed.For("page", DrfMessages.InvalidPositiveInteger);
        var size = defaultSize;
        if (!string.IsNullOrEmpty(pageSize) && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
            throw ValidationFailed.For("page_size", DrfMessages.InvalidPositiveInteger);
        size = Math.Min(size, maxSize);
        if ((long)(p - 1) * size > int.MaxValue)
            throw ValidationFailed.For("page", DrfMessages.InvalidPage);
        return new PageQuery(p, size);
    }
}

/// <summary>The count/next/previous/results envelope of 002, 003 and 004.</summary>
public sealed record PageEnvelope<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);

public static class PageLinks
{
    /// <summary>Builds the envelope with absolute next/previous links that keep every other query parameter.</summary>
    public static PageEnvelope<T> Envelope<T>(HttpRequest request, PageQuery page, long count, IReadOnlyList<T> results)
    {
        var last = Math.Max(1, (int)Math.Ceiling(count / (double)page.PageSize));
        var next = page.Page < last ? Link(request, page.Page + 1) : null;
        var previous = page.Page > 1 ? Link(request, Math.Min(page.Page - 1, last)) : null;
        return new PageEnvelope<T>(count, next, previous, results);
    }

    private static string Link(HttpRequest request, int page)
    {
        var query = request.Query
            .Where(kv => !string.Equals(kv.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(CultureInfo.InvariantCulture)));
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }
}

/// <summary>
/// Lists the documents show as bare arrays stay bare arrays (spec decision 8): they accept <c>page</c>/<c>page_size</c>
/// and report the totals in headers.
/// </summary>
public static class PageHeaders
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public static void Write(HttpResponse response, PageQuery page, long count)
    {
        response.Headers["X-Pagination-Count"] = count.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Pagination-Page"] = page.Page.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Pagination-PageSize"] = page.PageSize.ToString(CultureInfo.InvariantCulture);
    }
}
