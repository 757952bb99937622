namespace Lms.Features.Identity.EduProAuth;

/// <summary>
/// An error 004 documents with its own <c>error</c> title and <c>detail</c> ("Complete Error Response Documentation"
/// 1.2, 1.5, 10.1, 10.2).
/// </summary>
public sealed class EduProError : AppException
{
    public EduProError(int status, string code, string title, string detail) : base(status, code, detail) => Title = title;
}

/// <summary>The 004 errors of sign-in, tokens and password reset, worded as the document words them.</summary>
public static class EduProErrors
{
    /// <summary>1.2: the document's wording, although the login field is <c>username</c> (a username or an e-mail).</summary>
    public static EduProError MissingCredentials() =>
        new(400, "INVALID_CREDENTIALS", "Invalid credentials", "Email and password are required.");

    /// <summary>1.2: unknown account or wrong password alike, so a caller cannot tell which.</summary>
    public static EduProError UserNotFound() =>
        new(404, "USER_NOT_FOUND", "User not found", "No user found with the provided credentials.");

    /// <summary>10.2: a student at the teacher login, a teacher at a student login.</summary>
    public static EduProError WrongUserType() =>
        new(403, "WRONG_USER_TYPE", "Wrong user type", "This action is only available for teachers/students.");

    public static EduProError AccountBlocked() =>
        new(403, "ACCOUNT_BLOCKED", "Account blocked", "Your account has been blocked by the teacher.");

    /// <summary>Not documented: a student signing in under a teacher they have not joined.</summary>
    public static EduProError NotJoined() =>
        new(403, "NOT_JOINED", "Not joined", "You have not joined this teacher.");

    /// <summary>Not documented as a body: the teacher of a student route does not exist.</summary>
    public static EduProError TeacherNotFound() =>
        new(404, "TEACHER_NOT_FOUND", "Teacher not found", TeacherMissing);

    /// <summary>10.1.</summary>
    public static EduProError InvalidRefresh() =>
        new(400, "TOKEN_NOT_VALID", "Invalid refresh token", "The provided refresh token is invalid.");

    /// <summary>1.5.</summary>
    public static EduProError OtpExpired() =>
        new(400, "OTP_EXPIRED", "OTP expired", "The OTP code has expired. Please request a new one.");

    /// <summary>Not documented: five wrong codes lock the OTP until a new one is requested.</summary>
    public static EduProError OtpLocked() =>
        new(400, "OTP_LOCKED", "OTP locked", "Too many incorrect attempts. Please request a new OTP code.");

    /// <summary>1.5.</summary>
    public static ValidationFailed OtpInvalid() =>
        ValidationFailed.For(("otp", "Invalid OTP code."), ("email", "Email and OTP combination is invalid."));

    public const string TeacherMissing = "Teacher with this username does not exist.";
}
