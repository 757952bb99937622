using Lms.Features.Common.Paging;
using Lms.Features.Common.Security;

namespace Lms.Features.Common.Surfaces;

/// <summary>
/// Document 003's dialect: its <c>{success, message, error_code, details}</c> envelope (<see cref="AddErrorTo"/>),
/// pages of 20 (up to 100), Lms's role words.
/// </summary>
public static class Doc003
{
    public static readonly PageDefaults Page = new(20, 100);

    public static string Word(Role role) => role.Word();

    /// <summary>003's envelope: <c>{"success": false, "message", "error_code", "details": {field: [...]}}</c>.</summary>
    public static void AddErrorTo(Dictionary<string, object?> body, string code, string message, IReadOnlyDictionary<string, string[]> fields)
    {
        body["success"] = false;
        body["message"] = message;
        body["error_code"] = code;
        body["details"] = fields;
    }
}
