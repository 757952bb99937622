using Marten.Patching;

namespace Lms.Features.Identity;

/// <summary>
/// 004's teacher–student relationship: a student joins a teacher (at registration under the teacher's username or by
/// join-teacher) and signs in under that teacher. The teacher can block (toggle) or remove the student.
/// </summary>
public sealed class TeacherStudent
{
    /// <summary>The uuid 004 shows as the relationship id.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public long TeacherId { get; set; }
    public long StudentId { get; set; }

    /// <summary>The student's name, kept here so the teacher's list can search and order without a join.</summary>
    public string StudentFullName { get; set; } = "";
    public string StudentUsernameNormalized { get; set; } = "";
    public string StudentEmailNormalized { get; set; } = "";

    public DateTimeOffset JoinedAt { get; set; }
    public bool IsBlocked { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset? LastActivity { get; set; }

    /// <summary>
    /// The version Marten read (optimistic concurrency): a change written with <c>UpdateExpectedVersion(link, link.Version)</c>
    /// fails cleanly (409) when another request changed or removed the link in between, so no toggle is ever lost.
    /// </summary>
    [Version]
    public Guid Version { get; set; }

    public static TeacherStudent Link(User teacher, User student, DateTimeOffset now) => new()
    {
        TeacherId = teacher.Id, StudentId = student.Id, StudentFullName = student.FullName,
        StudentUsernameNormalized = student.UsernameNormalized, StudentEmailNormalized = student.EmailNormalized, JoinedAt = now,
    };

    /// <summary>Blocks an active student or unblocks a blocked one; returns the new state.</summary>
    public bool ToggleBlock()
    {
        IsBlocked = !IsBlocked;
        return IsBlocked;
    }

    public void Block() => IsBlocked = true;

    public void Unblock() => IsBlocked = false;

    /// <summary>The copies of the student's searchable fields, refreshed from the account.</summary>
    /// <summary>
    /// Keeps the copies on the student's links in step after any profile edit, whichever document made it: one
    /// statement, in the same transaction as the account. No-op for users who are nobody's student.
    /// </summary>
    public static void SyncStudent(IDocumentSession session, User student)
    {
        if (student.Role != Common.Security.Role.Student) return;
        var id = student.Id;
        session.Patch<TeacherStudent>(x => x.StudentId == id)
            .Set(x => x.StudentFullName, student.FullName)
            .Set(x => x.StudentUsernameNormalized, student.UsernameNormalized)
            .Set(x => x.StudentEmailNormalized, student.EmailNormalized);
    }

    public void Refresh(User student)
    {
        StudentFullName = student.FullName;
        StudentUsernameNormalized = student.UsernameNormalized;
        StudentEmailNormalized = student.EmailNormalized;
    }
}

public sealed class TeacherStudentsSchema : IConfigureMarten
{
    public const string PairIndex = "ux_teacher_students_pair";

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Schema.For<TeacherStudent>()
            .MultiTenanted()
            .UseOptimisticConcurrency(true)
            .UniqueIndex(UniqueIndexType.Computed, PairIndex, TenancyScope.PerTenant, x => x.TeacherId, x => x.StudentId)
            .Index(x => x.StudentId);
        Common.Persistence.DatabaseErrors.Describe(PairIndex, null, "The student has already joined this teacher.");
    }
}
