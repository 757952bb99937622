using Lms.Features.Common.Security;
using Lms.Features.Identity.Tokens;
using Marten.Patching;

namespace Lms.Features.Identity;

/// <summary>004's <c>{"message": "..."}</c> answers.</summary>
public sealed record MessageResponse(string Message);

/// <summary>1.3 / 1.4: the tokens are returned and also set as HttpOnly cookies by the endpoint.</summary>
public sealed record LoginResponse(string Access, string Refresh, SignInUserView004 User);

/// <summary>1.5 / 1.6: the document shows only <c>access</c>; refresh tokens rotate, so the new one is returned too.</summary>
public sealed record RefreshResponse(string Access, string Refresh);

/// <summary>A handler's answer plus the token pair the endpoint writes into the cookies.</summary>
public sealed record WithTokens<T>(T Body, TokenPair Tokens);

/// <summary>Token and session helpers shared by 004's sign-in slices.</summary>
public static class Sessions004
{
    /// <summary>
    /// Revokes the user's refresh tokens (every sign-in, or every one but <paramref name="exceptFamily"/>): after a
    /// password change or reset no older session can mint new access tokens.
    /// </summary>
    public static async Task RevokeAllAsync(IDocumentSession session, long userId, string? exceptFamily, DateTimeOffset now, CancellationToken ct)
    {
        var live = await session.Query<RefreshToken>()
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .ToListAsync(ct);
        foreach (var token in live.Where(t => t.Family != exceptFamily))
        {
            token.RevokedAt = now;
            session.Store(token);
        }
    }

    /// <summary>The teacher of a 004 student route: an active teacher account with that username, or null.</summary>
    public static async Task<User?> TeacherAsync(IQuerySession session, string? username, CancellationToken ct)
    {
        if (!Bodies004.IsQueryable(username, 150)) return null;
        var user = await Usernames.ByUsernameAsync(session, username, ct);
        return user is { Role: Role.Teacher, IsActive: true } ? user : null;
    }

    /// <summary>The student's link to the teacher, or null when the student has not joined.</summary>
    public static Task<TeacherStudent?> LinkAsync(IQuerySession session, long teacherId, long studentId, CancellationToken ct) =>
        session.Query<TeacherStudent>().FirstOrDefaultAsync(x => x.TeacherId == teacherId && x.StudentId == studentId, ct);

    /// <summary>
    /// Refuses a student who has not joined the teacher or whom the teacher blocked; otherwise records the activity on
    /// the link (004's <c>last_activity</c>) with a patch, so it never races the teacher's block toggle.
    /// </summary>
    public static async Task EnsureMayUseAsync(IDocumentSession session, User teacher, long studentId, DateTimeOffset now, CancellationToken ct)
    {
        var link = await LinkAsync(session, teacher.Id, studentId, ct) ?? throw Doc004.Errors.NotJoined();
        if (link.IsBlocked) throw Doc004.Errors.AccountBlocked();
        session.Patch<TeacherStudent>(link.Id).Set(x => x.LastActivity, now);
    }
}
