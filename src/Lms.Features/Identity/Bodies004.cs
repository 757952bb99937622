using Lms.Features.Common.Http;

namespace Lms.Features.Identity;

/// <summary>How 004's account routes read their bodies and route values (the routes are mapped by <see cref="Doc004"/>).</summary>
public static class Bodies004
{
    /// <summary>
    /// A body as JSON, urlencoded or multipart form (Django REST Framework accepts all three). Files are allowed only
    /// under the named fields, one each; any other file is an unknown field.
    /// </summary>
    public static async Task<FormOrJson.Result<T>> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct, params string[] fileFields)
        where T : class
    {
        var result = await FormOrJson.ReadAsync<T>(request, ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in result.Files.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!fileFields.Contains(group.Key, StringComparer.Ordinal)) errors[Truncate(group.Key)] = [DrfMessages.UnknownField];
            else if (group.Count() > 1) errors[group.Key] = [DrfMessages.OneFile];
        }
        // PostgreSQL text and jsonb cannot hold NUL: refused here as DRF refuses it, instead of failing in the database.
        foreach (var property in typeof(T).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            if (property.GetValue(result.Body) is string value && value.Contains('\0', StringComparison.Ordinal))
                errors[Common.Json.LmsJson.Name(property.Name)] = [DrfMessages.NullCharacters];
        }
        if (errors.Count > 0) throw new ValidationFailed(errors);
        return result;
    }

    /// <summary>A route value usable in a query: not blank, not over <paramref name="max"/> characters, no NUL.</summary>
    public static bool IsQueryable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value, int max) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= max && !value.Contains('\0', StringComparison.Ordinal);

    private static string Truncate(string field) => field.Length <= 100 ? field : field[..100];
}
