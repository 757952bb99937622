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

    public static TeacherStudent Link(User teacher, User student, DateTimeOffset now) => new()
    {
        TeacherId = teacher.Id, StudentId = student.Id, StudentFullName = student.FullName,
        StudentUsernameNormalized = student.UsernameNormalized, StudentEmailNormalized = student.EmailNormalized, JoinedAt = now,
    };
}

public sealed class TeacherStudentsSchema : IConfigureMarten
{
    public const string PairIndex = "ux_teacher_students_pair";

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Schema.For<TeacherStudent>()
            .MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, PairIndex, TenancyScope.PerTenant, x => x.TeacherId, x => x.StudentId)
            .Index(x => x.StudentId);
        Common.Persistence.DatabaseErrors.Describe(PairIndex, null, "The student has already joined this teacher.");
    }
}
