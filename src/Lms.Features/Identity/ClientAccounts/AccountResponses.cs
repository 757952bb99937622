using Lms.Features.Common.Security;

namespace Lms.Features.Identity.ClientAccounts;

/// <summary>
/// 001's sign-in answer (password and Google login): the token pair and who signed in. The document's <c>access</c>,
/// <c>refresh</c> and <c>user{id, email, first_name, last_name}</c>, and beside them what 001's app reads instead:
/// <c>access_token</c> and <c>refresh_token</c> (the same two tokens) and <c>user.role</c> (<see cref="AiLincRoles"/>).
/// </summary>
public sealed record SignInResponse(string Access, string Refresh, SignInResponse.Account User, string AccessToken, string RefreshToken)
{
    public sealed record Account(long Id, string Email, string FirstName, string LastName, string Role);

    public static SignInResponse From(Tokens.TokenPair pair, User u) =>
        new(pair.Access, pair.Refresh, new Account(u.Id, u.Email, u.FirstName, u.LastName, AiLincRoles.Word(u.Role)), pair.Access, pair.Refresh);
}

/// <summary>001's bodies that only carry a message.</summary>
public sealed record DetailResponse(string Detail);

/// <summary>
/// 001's role words. The document never lists them; it calls teachers "instructors" (course <c>instructors</c>), so:
/// student, instructor, admin.
/// </summary>
public static class AiLincRoles
{
    public const string Instructor = "instructor";

    public static string Word(Role role) => role == Role.Teacher ? Instructor : role.Word();
}

/// <summary>The validation messages 001's account routes share.</summary>
internal static class AccountRules001
{
    public const string EmailTaken = "A user with this email already exists.";
    public const string PhoneTaken = "A user with this phone number already exists.";
    public const string UsernameTaken = "A user with that username already exists.";

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Required().MaxChars(254).EmailAddress().WithMessage("Enter a valid email address.");

    /// <summary>Optional; digits with an optional leading +, spaces, hyphens and brackets; 7 to 15 digits.</summary>
    public static IRuleBuilderOptions<T, string?> ValidPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaxChars(20)
            .Matches(@"^\+?[0-9 ()\-]*$").WithMessage("Enter a valid phone number.")
            .Must(p => string.IsNullOrWhiteSpace(p) || p.Count(char.IsAsciiDigit) is >= 7 and <= 15)
            .WithMessage("Enter a valid phone number.");
}
