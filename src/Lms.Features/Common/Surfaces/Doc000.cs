using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Common.Surfaces;

/// <summary>
/// Document 000's dialect: DRF errors (<see cref="DrfErrors"/>), lists as bare arrays with the totals in headers
/// (<see cref="PageHeaders"/>, spec decision 8), and its user types student|tutor|admin.
/// </summary>
public static class Doc000
{
    public const string Tutor = "tutor";

    public static readonly PageDefaults Page = new(PageHeaders.DefaultSize, PageHeaders.MaxSize);

    /// <summary>000's word for a role (its <c>user_type</c>): teachers are tutors.</summary>
    public static string Word(Role role) => role == Role.Teacher ? Tutor : role.Word();
}
