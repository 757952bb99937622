using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Common.Surfaces;

/// <summary>
/// Document 003's dialect: its <c>{success, message, error_code, details}</c> envelope (written by <see cref="ErrorBody"/>),
/// pages of 20 (up to 100), Lms's role words.
/// </summary>
public static class Doc003
{
    public static readonly PageDefaults Page = new(20, 100);

    public static string Word(Role role) => role.Word();
}
