using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Common.Surfaces;

/// <summary>Document 001's dialect: DRF errors, bare-array lists with header totals, and its role words.</summary>
public static class Doc001
{
    /// <summary>The document never lists its roles; it calls teachers "instructors" (course <c>instructors</c>).</summary>
    public const string Instructor = "instructor";

    public static readonly PageDefaults Page = new(PageHeaders.DefaultSize, PageHeaders.MaxSize);

    /// <summary>001's word for a role: student, instructor, admin.</summary>
    public static string Word(Role role) => role == Role.Teacher ? Instructor : role.Word();
}
