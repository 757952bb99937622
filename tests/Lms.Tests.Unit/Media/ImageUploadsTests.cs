using Lms.Features.Common.Media;

namespace Lms.Tests.Unit.Media;

public sealed class ImageUploadsTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, ".jpg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, ".png")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1 }, ".gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, ".webp")]
    public void Known_image_signatures_are_recognised_from_the_content(byte[] head, string extension) =>
        Assert.Equal(extension, ImageUploads.Sniff(head));

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { (byte)'<', (byte)'s', (byte)'v', (byte)'g' })]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })] // %PDF-
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })] // a truncated PNG signature
    public void Anything_else_is_not_an_image(byte[] head) => Assert.Null(ImageUploads.Sniff(head));

    [Fact]
    public void Paths_cannot_leave_the_media_root()
    {
        var root = new MediaRoot(Path.Combine(Path.GetTempPath(), "media-root-test"));
        Assert.StartsWith(root.Path, root.Resolve("avatars/2026/11/a.png"), StringComparison.Ordinal);
        Assert.Throws<Lms.Features.Common.Errors.BadRequest>(() => root.Resolve("../etc/passwd"));
        Assert.Throws<Lms.Features.Common.Errors.BadRequest>(() => root.Resolve("/etc/passwd"));
    }
}
