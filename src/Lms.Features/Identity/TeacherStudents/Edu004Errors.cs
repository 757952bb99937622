namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004's user-management errors: the title becomes <c>error</c>, the message <c>detail</c>. Worded as the sign-in slices
/// (<c>EduProAuth</c>) word the same situations.
/// </summary>
internal static class Edu004Errors
{
    /// <summary>10.2 "Wrong user type": a student on a teacher's route or the other way round (admins too).</summary>
    public static Edu004Error WrongUserType() =>
        new(403, "WRONG_USER_TYPE", "Wrong user type", "This action is only available for teachers/students.");

    /// <summary>1.18's documented 403 (DRF's default permission message).</summary>
    public static PermissionDenied NotATeacher() => new() { Title = "Permission denied" };

    /// <summary>Also for a username that belongs to a student: only teachers have a teacher page.</summary>
    public static Edu004Error TeacherNotFound() =>
        new(404, "TEACHER_NOT_FOUND", "Teacher not found", "Teacher with this username does not exist.");

    /// <summary>Also for another teacher's student: a teacher never learns who else's students exist.</summary>
    public static Edu004Error StudentNotFound() =>
        new(404, "STUDENT_NOT_FOUND", "Student not found", "No student with this id has joined you.");

    /// <summary>The loser of a race on the unique pair index (the friendly check answers 200 <see cref="JoinTeacher.AlreadyJoined"/>).</summary>
    public static ValidationFailed AlreadyJoined() =>
        new(new Dictionary<string, string[]>(), "You have already joined this teacher.") { Title = "Already joined" };

    /// <summary>
    /// A student's profile under a teacher they have not joined: a 404, as the original backend's get_object_or_404 on
    /// the teacher-student link (1.15 documents no error for it).
    /// </summary>
    public static Edu004Error NotJoined() =>
        new(404, "NOT_JOINED", "Not joined", "You have not joined this teacher.");

    /// <summary>1.2's "Account blocked".</summary>
    public static Edu004Error Blocked() =>
        new(403, "ACCOUNT_BLOCKED", "Account blocked", "Your account has been blocked by the teacher.");

    /// <summary>DRF's PageNumberPagination answer for a page past the last one.</summary>
    public static Edu004Error InvalidPage() => new(404, "NOT_FOUND", "Not found", "Invalid page.");
}

/// <summary>An error with 004's own <c>error</c> title and <c>detail</c>.</summary>
public sealed class Edu004Error : AppException
{
    public Edu004Error(int status, string code, string title, string detail) : base(status, code, detail) => Title = title;
}
