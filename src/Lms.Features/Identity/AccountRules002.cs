namespace Lms.Features.Identity;

/// <summary>002's account field rules and messages, shared by its registration and profile slices.</summary>
public static class AccountRules002
{
    public const string EmailTaken = "A user with this email already exists.";
    public const string PhoneTaken = "A user with this phone number already exists.";
    public const string PasswordsDiffer = "Password fields didn't match.";
    public const string ControlCharacters = "This field may not contain control characters.";

    /// <summary>Split into first and last name (each at most 150), so the whole fits both.</summary>
    public const int FullNameMax = 150;
    public const int GradeMax = 50;
    public const int SpecializationMax = 100;
    public const int BioMax = 2000;

    /// <summary>True when the text has no control characters (PostgreSQL's jsonb refuses NUL; none belongs in a name).</summary>
    public static bool IsPrintable(string? text) => text is null || !text.Any(char.IsControl);

    /// <summary>Which of e-mail and phone are taken in the current client, except by <paramref name="exceptUserId"/> (one query).</summary>
    public static async Task<(bool Email, bool Phone)> TakenAsync(IQuerySession session, string? email, string? phone,
        CancellationToken ct, long exceptUserId = -1)
    {
        if (string.IsNullOrWhiteSpace(email) && User.PhoneKeyOf(phone) is null) return (false, false);
        var taken = await Usernames.TakenAsync(session, null, email, phone, ct, exceptUserId);
        return (taken.Contains("email"), taken.Contains("phone"));
    }

    /// <summary>Rejects control characters (NUL, line breaks, escapes) in single-line text.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsPrintable).WithMessage(ControlCharacters);
}
