namespace Lms.Features.Common.Media;

/// <summary>
/// Image uploads (avatar, logo): the content is sniffed (the client's file name and content type are not trusted),
/// JPEG, PNG, GIF and WebP only, at most 5 MB, with 004's messages.
/// </summary>
public static class ImageUploads
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";
    public const string TooLarge = "Image file too large ( > 5MB )";

    /// <summary>The problem with an uploaded image, or null when it is acceptable.</summary>
    public static string? Check(IFormFile file)
    {
        if (file.Length > MaxBytes) return TooLarge;
        if (file.Length == 0) return "The submitted file is empty.";
        return Sniff(file) is null ? InvalidImage : null;
    }

    /// <summary>Checks every named image field present in the form; returns field → messages for the invalid ones.</summary>
    public static Dictionary<string, string[]> CheckAll(IFormFileCollection files, params string[] fields)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (files.GetFile(field) is { } f && Check(f) is { } problem) errors[field] = [problem];
        }
        return errors;
    }

    /// <summary>Validates and stores an image; returns its relative path.</summary>
    public static async Task<string> SaveAsync(IMediaStorage storage, string folder, string field, IFormFile file, CancellationToken ct)
    {
        if (Check(file) is { } problem) throw ValidationFailed.For(field, problem);
        var extension = Sniff(file)!;
        await using var stream = file.OpenReadStream();
        return await storage.SaveAsync(folder, stream, extension, ct);
    }

    /// <summary>The file's real type from its first bytes: an extension, or null when it is not a supported image.</summary>
    public static string? Sniff(IFormFile file)
    {
        Span<byte> head = stackalloc byte[12];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Sniff(head[..read]);
    }

    public static string? Sniff(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return ".jpg";
        if (h.Length >= 8 && h[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return ".png";
        if (h.Length >= 6 && (h[..6].SequenceEqual("GIF87a"u8) || h[..6].SequenceEqual("GIF89a"u8))) return ".gif";
        if (h.Length >= 12 && h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return ".webp";
        return null;
    }
}
