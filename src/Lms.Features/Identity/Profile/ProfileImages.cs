using Lms.Features.Common.Media;
using Lms.Features.Common.Persistence;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// One image field of a profile update (avatar, logo): a file (multipart), an empty value (removes the image), or
/// nothing (keeps it). Any other text is not a file (DRF's message).
/// </summary>
public sealed record ImageInput(IFormFile? File, string? Text)
{
    private static readonly string[] UnknownField = [DrfMessages.UnknownField];
    private static readonly string[] OneFile = [DrfMessages.OneFile];

    public bool Removes => File is null && Text is { Length: 0 };

    /// <summary>The problem with this input, or null.</summary>
    public string? Problem() => File is not null ? ImageUploads.Check(File) : Text is { Length: > 0 } ? DrfMessages.NotAFile : null;

    /// <summary>The field's file from the form, else its text value (JSON or form field).</summary>
    public static ImageInput From(IFormFileCollection files, string field, string? text) =>
        new(files.GetFile(field), files.GetFile(field) is null ? text : null);

    /// <summary>
    /// Files under names the route does not take are bad input, as unknown JSON fields are; so is a second file for a field.
    /// </summary>
    public static void RejectOthers(IFormFileCollection files, params string[] fields)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in files.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!fields.Contains(group.Key, StringComparer.Ordinal)) errors[group.Key.Length > 100 ? group.Key[..100] : group.Key] = UnknownField;
            else if (group.Count() > 1) errors[group.Key] = OneFile;
        }
        if (errors.Count > 0) throw new ValidationFailed(errors);
    }
}

internal static class ImageInputRules
{
    public static IRuleBuilderOptionsConditions<T, ImageInput> ValidImage<T>(this IRuleBuilder<T, ImageInput> rule) =>
        rule.Custom((input, ctx) =>
        {
            if (input.Problem() is { } problem) ctx.AddFailure(problem);
        });
}

/// <summary>Applies an image input to a stored path: saves a new file, or clears it; the old file goes once the change commits.</summary>
internal static class ProfileImageStore
{
    public static async Task<string?> ApplyAsync(IMediaStorage storage, AfterCommit afterCommit, string folder, string field,
        ImageInput input, string? current, CancellationToken ct)
    {
        string? next;
        if (input.File is not null) next = await ImageUploads.SaveAsync(storage, folder, field, input.File, ct);
        else if (input.Removes) next = null;
        else return current;

        if (!string.IsNullOrEmpty(current) && current != next) afterCommit.Add(t => storage.DeleteAsync(current, t));
        return next;
    }
}
