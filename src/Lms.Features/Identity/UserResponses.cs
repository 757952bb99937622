using System.Text.Json.Serialization;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity;

/// <summary>
/// <c>GET /api/users/profile/</c> is documented by both 003 and 002, so it answers with the union of their
/// fields: 003's account fields plus 002's full_name, phone and nested profile. 003's register and PUT answer
/// with the same resource, and 002's <c>/api/users/profiles/me/</c> too.
/// </summary>
public sealed record ProfileResponse(
    long Id,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string FullName,
    string Role,
    string Bio,
    string Phone,
    bool IsActive,
    DateTimeOffset DateJoined,
    ProfileResponse.Nested Profile)
{
    /// <summary>
    /// 002's nested profile: its <c>type</c> says which one it is. Students carry guardian_phone and grade, teachers
    /// their specialization (002's Permission Notes: one profile per role); the fields of another role's profile are
    /// left out rather than sent empty. Bio is the account's (003 edits it), shown for every type.
    /// </summary>
    public sealed record Nested(
        string Type,
        string FullName,
        string Phone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GuardianPhone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Specialization,
        string Bio)
    {
        public static Nested From(User u) => u.Role switch
        {
            Common.Security.Role.Student => new(u.Role.Word(), u.FullName, u.Phone, u.GuardianPhone, u.Grade, null, u.Bio),
            Common.Security.Role.Teacher => new(u.Role.Word(), u.FullName, u.Phone, null, null, u.Specialization, u.Bio),
            _ => new(u.Role.Word(), u.FullName, u.Phone, null, null, null, u.Bio),
        };
    }

    public static ProfileResponse From(User u) => new(
        u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.FullName, u.Role.Word(), u.Bio, u.Phone, u.IsActive, u.DateJoined,
        Nested.From(u));
}
