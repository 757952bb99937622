using Lms.Features.Common.Paging;

namespace Lms.Features.Common.Surfaces;

/// <summary>
/// Document 004's dialect, in one place: its routes live under <c>/api/</c> and, by spec decision 9, also under
/// <c>/api/v1/</c>; its pages hold 5 and a page past the last is DRF's 404 "Invalid page."; its role words are Lms's
/// (teacher, student, admin); its errors carry a short <c>error</c> title beside the <c>detail</c> (section 10).
/// </summary>
public static class Doc004
{
    public const string Tag = "004 User Management";

    /// <summary>004's fixed page size (the original's PAGE_SIZE; <c>page_size</c> is not a parameter).</summary>
    public static readonly PageDefaults Page = new(5, 5);

    /// <summary>
    /// 004's error body: a short <c>error</c> title and the <c>detail</c>; validation errors as <c>field_errors</c> and also
    /// at the top level.
    /// </summary>
    public static void AddErrorTo(Dictionary<string, object?> body, string message, IReadOnlyDictionary<string, string[]> fields, string? title)
    {
        if (fields.Count > 0)
        {
            foreach (var (field, messages) in fields) body.TryAdd(field, messages);
            body["field_errors"] = fields;
        }
        body["error"] = title ?? message;
        body.TryAdd("detail", message);
    }

    public static readonly string[] Get = [HttpMethods.Get];
    public static readonly string[] Post = [HttpMethods.Post];
    public static readonly string[] Delete = [HttpMethods.Delete];
    public static readonly string[] PutOrPatch = [HttpMethods.Put, HttpMethods.Patch];

    private static readonly (string Prefix, string Suffix)[] Prefixes = [("/api", ""), ("/api/v1", ".V1")];

    /// <summary>
    /// Maps a 004 route at <c>/api{path}</c> and at its <c>/api/v1{path}</c> twin, each with its own name (<c>004.{name}</c>
    /// and <c>004.{name}.V1</c>), the 004 tag and the same conventions.
    /// </summary>
    public static void Map004(this IEndpointRouteBuilder app, string[] methods, string path, Delegate handler, string name,
        Action<RouteHandlerBuilder> configure)
    {
        foreach (var (prefix, suffix) in Prefixes)
            configure(app.MapMethods(prefix + path, methods, handler).WithName($"004.{name}{suffix}").WithTags(Tag));
    }

    /// <summary>A POST route of 004 (<paramref name="path"/> without the leading slash, as the sign-in slices write it).</summary>
    public static void MapPost004(this IEndpointRouteBuilder app, string path, string name, Delegate handler,
        Action<RouteHandlerBuilder> configure) =>
        app.Map004(Post, "/" + path, handler, name, configure);

    /// <summary>The 401 of section 10: with a token that does not verify, or without one.</summary>
    public static AppException Unauthenticated(bool hadToken) => hadToken
        ? new NotAuthenticated("The provided token is invalid or expired.", "TOKEN_NOT_VALID") { Title = "Invalid token" }
        : new NotAuthenticated("You must be authenticated to perform this action.") { Title = "Authentication required" };

    /// <summary>The 403 of section 10 for a route's permission.</summary>
    public static AppException Forbidden() =>
        new PermissionDenied("You do not have sufficient permissions to perform this action.") { Title = "Permission denied" };

    /// <summary>004's errors, worded as the document words them ("Complete Error Response Documentation").</summary>
    public static class Errors
    {
        public const string TeacherMissing = "Teacher with this username does not exist.";

        /// <summary>1.2: the document's wording, although the login field is <c>username</c> (a username or an e-mail).</summary>
        public static TitledError MissingCredentials() =>
            new(400, "INVALID_CREDENTIALS", "Invalid credentials", "Email and password are required.");

        /// <summary>1.2: unknown account or wrong password alike, so a caller cannot tell which.</summary>
        public static TitledError UserNotFound() =>
            new(404, "USER_NOT_FOUND", "User not found", "No user found with the provided credentials.");

        /// <summary>10.2: a student on a teacher's route or login, or the other way round (admins too).</summary>
        public static TitledError WrongUserType() =>
            new(403, "WRONG_USER_TYPE", "Wrong user type", "This action is only available for teachers/students.");

        /// <summary>1.2's "Account blocked": the teacher blocked this student.</summary>
        public static TitledError AccountBlocked() =>
            new(403, "ACCOUNT_BLOCKED", "Account blocked", "Your account has been blocked by the teacher.");

        /// <summary>Not documented: a student signing in (or refreshing) under a teacher they have not joined.</summary>
        public static TitledError NotJoined() =>
            new(403, "NOT_JOINED", "Not joined", "You have not joined this teacher.");

        /// <summary>
        /// A student's profile under a teacher they have not joined: a 404, as the original backend's get_object_or_404 on
        /// the teacher-student link (1.15 documents no error for it).
        /// </summary>
        public static TitledError NotJoinedProfile() =>
            new(404, "NOT_JOINED", "Not joined", "You have not joined this teacher.");

        /// <summary>Also for a username that belongs to a student: only teachers have a teacher page.</summary>
        public static TitledError TeacherNotFound() =>
            new(404, "TEACHER_NOT_FOUND", "Teacher not found", TeacherMissing);

        /// <summary>Also for another teacher's student: a teacher never learns who else's students exist.</summary>
        public static TitledError StudentNotFound() =>
            new(404, "STUDENT_NOT_FOUND", "Student not found", "No student with this id has joined you.");

        /// <summary>1.18's documented 403 (DRF's default permission message).</summary>
        public static PermissionDenied NotATeacher() => new() { Title = "Permission denied" };

        /// <summary>The loser of a race on the unique teacher-student pair (the friendly check answers 200).</summary>
        public static ValidationFailed AlreadyJoined() =>
            new(new Dictionary<string, string[]>(), "You have already joined this teacher.") { Title = "Already joined" };

        /// <summary>10.1.</summary>
        public static TitledError InvalidRefresh() =>
            new(400, "TOKEN_NOT_VALID", "Invalid refresh token", "The provided refresh token is invalid.");

        /// <summary>1.5.</summary>
        public static TitledError OtpExpired() =>
            new(400, "OTP_EXPIRED", "OTP expired", "The OTP code has expired. Please request a new one.");

        /// <summary>Not documented: five wrong codes lock the OTP until a new one is requested.</summary>
        public static TitledError OtpLocked() =>
            new(400, "OTP_LOCKED", "OTP locked", "Too many incorrect attempts. Please request a new OTP code.");

        /// <summary>1.5.</summary>
        public static ValidationFailed OtpInvalid() =>
            ValidationFailed.For(("otp", "Invalid OTP code."), ("email", "Email and OTP combination is invalid."));

        /// <summary>DRF's PageNumberPagination answer for a page past the last one (the past-the-end answer of 004's lists).</summary>
        public static TitledError InvalidPage() => new(404, "NOT_FOUND", "Not found", DrfMessages.InvalidPage);
    }
}

/// <summary>An error with 004's own <c>error</c> title beside its <c>detail</c>.</summary>
public sealed class TitledError : AppException
{
    public TitledError(int status, string code, string title, string detail) : base(status, code, detail) => Title = title;
}
