using System.Text.Json.Serialization;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.SmsAccounts;

/// <summary>
/// 000's account shape: the 201 of <c>POST /api/auth/register/</c>, the <c>user</c> of the login answer and the items of
/// <c>GET /api/auth/users/</c>. 000 calls teachers "tutor". E-mail and phone are null, and left out, in a student's view
/// of other users (README, Security: what lists expose).
/// </summary>
public sealed record SmsUserResponse(
    long Id,
    string Username,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    string FirstName,
    string LastName,
    string UserType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    bool IsVerified,
    DateTimeOffset DateJoined)
{
    public static SmsUserResponse From(User u) =>
        new(u.Id, u.Username, u.Email, u.FirstName, u.LastName, SmsUserTypes.Word(u.Role), u.Phone, u.EmailVerified, u.DateJoined);
}

/// <summary>
/// 000's <c>GET/PUT/PATCH /api/auth/profile/</c>: the account plus the profile fields the document shows, and beside them
/// <c>user</c>, the original backend's nested account (its ProfileSerializer), which 000's app reads (profile page).
/// </summary>
public sealed record SmsProfileResponse(
    long Id,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string UserType,
    string Phone,
    bool IsVerified,
    DateTimeOffset DateJoined,
    string Bio,
    string? Avatar,
    DateOnly? DateOfBirth,
    string Address,
    SmsProfileResponse.Account User)
{
    /// <summary>The original backend's nested <c>user</c>: the caller's own account, so e-mail and phone are shown.</summary>
    public sealed record Account(long Id, string Username, string Email, string FirstName, string LastName, string UserType, string Phone);

    public static SmsProfileResponse From(User u, string? avatarUrl)
    {
        var userType = SmsUserTypes.Word(u.Role);
        return new(u.Id, u.Username, u.Email, u.FirstName, u.LastName, userType, u.Phone, u.EmailVerified, u.DateJoined,
            u.Bio, avatarUrl, u.DateOfBirth, u.Address, new Account(u.Id, u.Username, u.Email, u.FirstName, u.LastName, userType, u.Phone));
    }
}

/// <summary>000's role words (student|tutor|admin) and who may see whom in its user list.</summary>
public static class SmsUserTypes
{
    public const string Tutor = "tutor";

    public static string Word(Role role) => role == Role.Teacher ? Tutor : role.Word();

    /// <summary>The message for a <c>user_type</c> that is none of the words (DRF's ChoiceField wording).</summary>
    public static string NotAChoice(string? value) => $"\"{value}\" is not a valid choice.";

    /// <summary>
    /// The roles a caller may list: admins everyone; tutors students and tutors; students tutors only (they pick a tutor,
    /// they do not browse other students, and nobody but an admin lists admins).
    /// </summary>
    public static IReadOnlyList<Role> VisibleTo(Role caller) => caller switch
    {
        Role.Admin => [Role.Student, Role.Teacher, Role.Admin],
        Role.Teacher => [Role.Student, Role.Teacher],
        _ => [Role.Teacher],
    };
}

/// <summary>Field rules and messages 000's registration and profile update share.</summary>
public static class SmsFields
{
    public const string UsernameTaken = "A user with that username already exists.";
    public const string EmailTaken = "A user with that email already exists.";
    public const string PhoneTaken = "A user with that phone already exists.";
    public const string InvalidPhone = "Enter a valid phone number.";

    /// <summary>
    /// A phone as people write it: an optional leading +, digits, spaces, dots, dashes and brackets, with 7 to 15 digits
    /// (E.164's maximum).
    /// </summary>
    public static bool IsPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return true;
        var p = phone.Trim();
        if (p.StartsWith('+')) p = p[1..];
        if (!p.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')')) return false;
        var digits = p.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15;
    }

    /// <summary>The message for a taken value (the friendly pre-check and a lost race on the unique index answer alike).</summary>
    public static string TakenMessage(string field) => field switch
    {
        "username" => UsernameTaken,
        "email" => EmailTaken,
        _ => PhoneTaken,
    };

    private static readonly string[] UniqueFields = ["username", "email", "phone"];

    /// <summary>The 400 naming every one of username, e-mail and phone (by its digits) already used in the current client, or null.</summary>
    public static async Task<ValidationFailed?> TakenAsync(IQuerySession session, string username, string email, string? phone,
        CancellationToken ct)
    {
        var taken = await Usernames.TakenAsync(session, username, email, phone, ct);
        return taken.Count == 0
            ? null
            : ValidationFailed.For(UniqueFields.Where(taken.Contains).Select(f => (f, TakenMessage(f))).ToArray());
    }

    /// <summary>Whether another account of the current client has this phone (compared by its digits).</summary>
    public static async Task<bool> PhoneTakenAsync(IQuerySession session, string phone, long exceptUserId, CancellationToken ct) =>
        User.PhoneKeyOf(phone) is not null && (await Usernames.TakenAsync(session, null, null, phone, ct, exceptUserId)).Contains("phone");

    /// <summary>The 400 for a violated unique index of <see cref="UsersSchema"/>, or null for any other constraint.</summary>
    public static ValidationFailed? UniqueViolation(string? constraint)
    {
        if (constraint is null) return null;
        if (constraint.EndsWith(UsersSchema.UsernameIndex, StringComparison.Ordinal)) return ValidationFailed.For("username", UsernameTaken);
        if (constraint.EndsWith(UsersSchema.EmailIndex, StringComparison.Ordinal)) return ValidationFailed.For("email", EmailTaken);
        if (constraint.EndsWith(UsersSchema.PhoneIndex, StringComparison.Ordinal)) return ValidationFailed.For("phone", PhoneTaken);
        return null;
    }
}
