namespace Lms.Features.Identity.LmsAccounts;

/// <summary>002's account field rules and messages, shared by its registration and profile slices.</summary>
public static class LmsAccountRules
{
    public const string EmailTaken = "A user with this email already exists.";
    public const string PhoneTaken = "A user with this phone number already exists.";
    public const string PasswordsDiffer = "Password fields didn't match.";
    public const string InvalidPhone = "Enter a valid phone number.";
    public const string ControlCharacters = "This field may not contain control characters.";

    /// <summary>Split into first and last name (each at most 150), so the whole fits both.</summary>
    public const int FullNameMax = 150;
    public const int PhoneMax = 20;
    public const int GradeMax = 50;
    public const int SpecializationMax = 100;
    public const int BioMax = 2000;

    /// <summary>
    /// An international or local phone number: an optional leading +, then digits with optional spaces or dashes
    /// between them, 7 to 15 digits in all (E.164's maximum).
    /// </summary>
    public static bool IsPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return true;
        var p = phone.Trim();
        if (p.StartsWith('+')) p = p[1..];
        if (p.Length == 0 || !char.IsAsciiDigit(p[0]) || !char.IsAsciiDigit(p[^1])) return false;
        var digits = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (char.IsAsciiDigit(c)) digits++;
            else if ((c is ' ' or '-') && char.IsAsciiDigit(p[i - 1])) continue;
            else return false;
        }
        return digits is >= 7 and <= 15;
    }

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

    /// <summary>Phone rules for an optional phone field; a blank value clears it.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaxChars(PhoneMax).Must(IsPhone).WithMessage(InvalidPhone);

    /// <summary>Rejects control characters (NUL, line breaks, escapes) in single-line text.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsPrintable).WithMessage(ControlCharacters);
}
