using Lms.Features.Common.Security;

namespace Lms.Features.Identity;

/// <summary>Field rules and messages 000's registration and profile update share.</summary>
public static class AccountRules000
{
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

    public const string UsernameTaken = "A user with that username already exists.";
    public const string EmailTaken = "A user with that email already exists.";
    public const string PhoneTaken = "A user with that phone already exists.";

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
