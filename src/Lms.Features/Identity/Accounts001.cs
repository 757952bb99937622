
namespace Lms.Features.Identity;

/// <summary>
/// 001's sign-in answer (password and Google login): the token pair and who signed in. The document's <c>access</c>,
/// <c>refresh</c> and <c>user{id, email, first_name, last_name}</c>, and beside them what 001's app reads instead:
/// <c>access_token</c> and <c>refresh_token</c> (the same two tokens) and <c>user.role</c> (<see cref="Doc001"/>).
/// </summary>
public sealed record SignInResponse(string Access, string Refresh, SignInUserView001 User, string AccessToken, string RefreshToken)
{
    public static SignInResponse From(Tokens.TokenPair pair, User u) =>
        new(pair.Access, pair.Refresh, new SignInUserView001(u.Id, u.Email, u.FirstName, u.LastName, Doc001.Word(u.Role)), pair.Access, pair.Refresh);
}

/// <summary>001's bodies that only carry a message.</summary>
public sealed record DetailResponse(string Detail);

/// <summary>The validation messages 001's account routes share.</summary>
internal static class AccountRules001
{
    public const string EmailTaken = "A user with this email already exists.";
    public const string PhoneTaken = "A user with this phone number already exists.";
    public const string UsernameTaken = "A user with that username already exists.";
}
