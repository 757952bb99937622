using System.Globalization;
using System.Text;

namespace Lms.Features.Identity;

/// <summary>
/// The account rules of every document, in one place: what a username may be, the key under which usernames and
/// e-mails are unique and looked up, and how a sign-in input resolves to one account. Every route that sets a username
/// (registration, profile edit, admin edit) and every sign-in goes through here (README, Security).
/// </summary>
public static class AccountRules
{
    public const int UsernameMax = 150;

    /// <summary>Django's message without the <c>@</c>, which no username may contain.</summary>
    public const string UsernameInvalid =
        "Enter a valid username. This value may contain only letters, numbers, and ./+/-/_ characters.";

    public const string UsernameMixedScripts =
        "Enter a valid username. Letters from different alphabets may not be mixed in one username.";

    /// <summary>
    /// Why <paramref name="username"/> cannot be a username, or null when it can. A username takes letters, digits and
    /// <c>. + - _</c>, and never <c>@</c>: sign-in reads an input with <c>@</c> as an e-mail, so a username shaped like
    /// an e-mail could otherwise stand in front of that e-mail's account. Its letters come from one alphabet (a Latin
    /// name with one Cyrillic <c>е</c> is refused), and combining accents are refused where the alphabet has the letter
    /// precomposed (Latin, Greek, Cyrillic), so that no two usernames that look alike differ in hidden ways. The check
    /// runs on the NFKC form, so full-width letters or <c>ſ</c> are judged as the letters they stand for.
    /// </summary>
    public static string? UsernameProblem(string username)
    {
        var text = Compatible(username.Trim());
        if (text.Length == 0) return UsernameInvalid;
        Script? seen = null;
        var previous = Script.Common;
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (previous is Script.Common or Script.Latin or Script.Greek or Script.Cyrillic) return UsernameInvalid;
                continue;
            }
            if (c is '.' or '+' or '-' or '_' || char.IsAsciiDigit(c))
            {
                previous = Script.Common;
                continue;
            }
            if (!char.IsLetterOrDigit(c)) return UsernameInvalid;
            var script = ScriptOf(c);
            if (seen is { } s && s != script) return UsernameMixedScripts;
            seen = script;
            previous = script;
        }
        return null;
    }

    public static bool IsUsername(string username) => UsernameProblem(username) is null;

    /// <summary>
    /// The username rule as a validator rule (null and blank are left to <c>Required</c>); the message is the first
    /// problem found.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string?> Username<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((value, ctx) =>
        {
            if (!string.IsNullOrWhiteSpace(value) && UsernameProblem(value) is { } problem) ctx.AddFailure(problem);
        });

    public const int EmailMax = 254;
    public const int PhoneMax = 20;

    /// <summary>The phone message of documents 000, 001, 002 and 003 (004 words its own: <see cref="AccountRules004.PhoneNotNumber"/>).</summary>
    public const string PhoneInvalid = "Enter a valid phone number.";

    /// <summary>
    /// The one phone syntax of every document, for <c>User.Phone</c> and 002's guardian phone: after trimming, an optional
    /// leading <c>+</c>, then ASCII digits (at least one) with spaces, dashes, dots and brackets as people write them. It
    /// accepts every phone some document's registration or profile edit accepted before the rules were merged (000's
    /// <c>(020) 7946-0958</c>, 002's <c>+1-202-555-0143</c>, 004's bare digits of any length), so a phone one document
    /// takes is never refused by another's profile edit. Blank means "no phone" (a required phone is
    /// <c>Required()</c>'s business); the length is <see cref="PhoneMax"/>, checked by <see cref="Phone{T}"/>. Accounts
    /// are unique by the phone's digits (<c>User.PhoneKeyOf</c>).
    /// </summary>
    public static bool IsPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return true;
        var p = phone.Trim();
        if (p.StartsWith('+')) p = p[1..];
        return p.Any(char.IsAsciiDigit) && p.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')');
    }

    /// <summary>The phone rule as a validator rule, with the document's own message (null and blank pass).</summary>
    public static IRuleBuilderOptions<T, string?> Phone<T>(this IRuleBuilder<T, string?> rule, string message) =>
        rule.MaxChars(PhoneMax).Must(IsPhone).WithMessage(message);

    /// <summary>The e-mail rule of every registration and e-mail form: required, at most 254 characters, an address.</summary>
    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Required().MaxChars(EmailMax).EmailAddress().WithMessage(DrfMessages.InvalidEmail);

    /// <summary>True when a sign-in input names an e-mail (it has an <c>@</c>, full-width too); otherwise it names a username.</summary>
    public static bool IsEmailLogin(string login) => Compatible(login).Contains('@', StringComparison.Ordinal);

    /// <summary>
    /// The key under which usernames and e-mails are unique and looked up: trimmed, NFKC, case-folded, and with the
    /// letters of other alphabets that look like Latin letters replaced by those (<c>Кеlvin</c>, <c>ѕtudent</c>,
    /// <c>ＳＴＵＤＥＮＴ</c>, <c>ſtudent</c> and <c>student</c> share the key <c>student</c>). Case variants and look-alikes
    /// of an existing account are therefore "already exists". Control characters are dropped, so no input produces the
    /// keys <see cref="AccountKeyMigration"/> gives to clashing accounts.
    /// </summary>
    public static string Key(string value)
    {
        var text = Compatible(value.Trim());
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c)) continue;
            switch (c)
            {
                case 'ß' or 'ẞ': folded.Append("ss"); continue;
                case 'ı' or 'İ': folded.Append('i'); continue;
                case 'ς': folded.Append('σ'); continue;
            }
            var latin = LatinLookAlike(c);
            folded.Append(char.ToLowerInvariant(char.ToUpperInvariant(latin)));
        }
        return folded.ToString();
    }

    /// <summary>NFKC, the compatibility form: full-width, ligature, long-s and Kelvin-sign letters become plain letters.</summary>
    private static string Compatible(string text) =>
        text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);

    private enum Script
    {
        Common,
        Latin,
        Greek,
        Cyrillic,
        Armenian,
        Hebrew,
        Arabic,
        Indic,
        Thai,
        Georgian,
        Ethiopic,
        Cjk,
        Other,
    }

    /// <summary>The alphabet of a letter, by its Unicode block (Han, kana and Hangul count as one, as Japanese mixes them).</summary>
    private static Script ScriptOf(char c) => c switch
    {
        <= '\u024F' => Script.Latin,
        >= '\u0250' and <= '\u02AF' => Script.Latin,
        >= '\u1D00' and <= '\u1DBF' => Script.Latin,
        >= '\u1E00' and <= '\u1EFF' => Script.Latin,
        >= '\u2C60' and <= '\u2C7F' => Script.Latin,
        >= '\uA720' and <= '\uA7FF' => Script.Latin,
        >= '\uAB30' and <= '\uAB6F' => Script.Latin,
        >= '\u0370' and <= '\u03FF' => Script.Greek,
        >= '\u1F00' and <= '\u1FFF' => Script.Greek,
        >= '\u0400' and <= '\u052F' => Script.Cyrillic,
        >= '\u1C80' and <= '\u1C8F' => Script.Cyrillic,
        >= '\u2DE0' and <= '\u2DFF' => Script.Cyrillic,
        >= '\uA640' and <= '\uA69F' => Script.Cyrillic,
        >= '\u0530' and <= '\u058F' => Script.Armenian,
        >= '\u0590' and <= '\u05FF' => Script.Hebrew,
        >= '\u0600' and <= '\u08FF' => Script.Arabic,
        >= '\u0900' and <= '\u0DFF' => Script.Indic,
        >= '\u0E00' and <= '\u0E7F' => Script.Thai,
        >= '\u10A0' and <= '\u10FF' => Script.Georgian,
        >= '\u1200' and <= '\u139F' => Script.Ethiopic,
        >= '\u1100' and <= '\u11FF' => Script.Cjk,
        >= '\u2E80' and <= '\u9FFF' => Script.Cjk,
        >= '\uAC00' and <= '\uD7AF' => Script.Cjk,
        >= '\uF900' and <= '\uFAFF' => Script.Cjk,
        _ => Script.Other,
    };

    /// <summary>
    /// Greek and Cyrillic letters that are drawn like a Latin letter (Unicode's confusables for these alphabets), mapped
    /// to that letter in the same case; any other character is returned as it is.
    /// </summary>
    private static char LatinLookAlike(char c) => c switch
    {
        // Cyrillic capitals and small letters
        'А' => 'A', 'В' => 'B', 'Е' => 'E', 'К' => 'K', 'М' => 'M', 'Н' => 'H', 'О' => 'O', 'Р' => 'P', 'С' => 'C', 'Т' => 'T',
        'Х' => 'X', 'У' => 'Y', 'Ү' => 'Y', 'Ѕ' => 'S', 'І' => 'I', 'Ј' => 'J', 'Ԛ' => 'Q', 'Ԝ' => 'W', 'Ӏ' => 'I',
        'а' => 'a', 'е' => 'e', 'о' => 'o', 'р' => 'p', 'с' => 'c', 'у' => 'y', 'ү' => 'y', 'х' => 'x', 'ѕ' => 's', 'і' => 'i',
        'ј' => 'j', 'ԁ' => 'd', 'һ' => 'h', 'ԛ' => 'q', 'ԝ' => 'w', 'ӏ' => 'l', 'ё' => 'ë', 'ї' => 'ï',
        // Greek capitals and small letters
        'Α' => 'A', 'Β' => 'B', 'Ε' => 'E', 'Ζ' => 'Z', 'Η' => 'H', 'Ι' => 'I', 'Κ' => 'K', 'Μ' => 'M', 'Ν' => 'N', 'Ο' => 'O',
        'Ρ' => 'P', 'Τ' => 'T', 'Υ' => 'Y', 'Χ' => 'X',
        'α' => 'a', 'ο' => 'o', 'ι' => 'i', 'κ' => 'k', 'ν' => 'v', 'ρ' => 'p', 'υ' => 'u', 'χ' => 'x',
        // Latin letters drawn like others
        'ɑ' => 'a', 'ɡ' => 'g', 'ɩ' => 'i', 'ʀ' => 'R', 'ᴅ' => 'D',
        _ => c,
    };
}
