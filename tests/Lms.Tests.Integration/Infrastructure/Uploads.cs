using System.Net.Http.Headers;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>Multipart bodies with real (tiny) images, fake images and oversized files.</summary>
public static class Uploads
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    /// <summary>Text pretending to be a PNG (by name and content type only).</summary>
    public static readonly byte[] NotAnImage = "this is not an image"u8.ToArray();

    /// <summary>A PNG header followed by more than 5 MB.</summary>
    public static byte[] Oversized() => [.. Png, .. new byte[5 * 1024 * 1024 + 1]];

    /// <summary>A multipart form with the given text fields and files (field, file name, bytes).</summary>
    public static MultipartFormDataContent Form(object? fields = null, params (string Field, string FileName, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        if (fields is not null)
        {
            foreach (var p in fields.GetType().GetProperties())
            {
                if (p.GetValue(fields) is { } v) form.Add(new StringContent(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!), p.Name);
            }
        }
        foreach (var (field, name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, field, name);
        }
        return form;
    }
}
