namespace Lms.Features.Common.Media;

/// <summary>Where uploaded files live. The default keeps them on local disk under <c>.data/media/</c>, served at <c>/media/…</c>.</summary>
public interface IMediaStorage
{
    /// <summary>Stores the content and returns its relative path (e.g. <c>avatars/2026/11/abc.png</c>).</summary>
    Task<string> SaveAsync(string folder, Stream content, string extension, CancellationToken ct);

    Task DeleteAsync(string relativePath, CancellationToken ct);
}

/// <summary>Local-disk storage: files are never overwritten (random names), and paths never leave the root.</summary>
public sealed class LocalDiskMediaStorage(MediaRoot root) : IMediaStorage
{
    public async Task<string> SaveAsync(string folder, Stream content, string extension, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var relative = $"{folder}/{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{extension}";
        var full = root.Resolve(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, ct);
        return relative;
    }

    public Task DeleteAsync(string relativePath, CancellationToken ct)
    {
        var full = root.Resolve(relativePath);
        if (File.Exists(full)) File.Delete(full);
        return Task.CompletedTask;
    }
}

/// <summary>The media root directory (absolute).</summary>
public sealed class MediaRoot(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Resolve(string relative)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative));
        if (!full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BadRequest("Invalid media path.");
        return full;
    }
}

/// <summary>Absolute URLs for stored media ("File fields return full URLs"), from the current request's host.</summary>
public sealed class MediaUrls(IHttpContextAccessor http)
{
    public const string RequestPath = "/media";

    public string? Absolute(string? relativePath)
    {
        if (string.IsNullOrEmpty(relativePath)) return null;
        var request = http.HttpContext?.Request;
        var prefix = request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{prefix}{RequestPath}/{relativePath}";
    }
}
