using Lms.Features.Common.Security;

namespace Lms.Features.Identity;

/// <summary>
/// <c>GET /api/users/profile/</c> is documented by both 003 and 002, so it answers with the union of their
/// fields: 003's account fields plus 002's full_name, phone and nested profile.
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
    public sealed record Nested(string Type, string FullName, string Phone, string Bio);

    public static ProfileResponse From(User u) => new(
        u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.FullName, u.Role.Word(), u.Bio, u.Phone, u.IsActive, u.DateJoined,
        new Nested(u.Role.Word(), u.FullName, u.Phone, u.Bio));
}
