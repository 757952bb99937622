using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Common.Surfaces;

/// <summary>Document 002's dialect: DRF errors, DRF's count/next/previous/results pages of 20 (up to 100), Lms's role words.</summary>
public static class Doc002
{
    public static readonly PageDefaults Page = new(20, 100);

    public static string Word(Role role) => role.Word();
}
