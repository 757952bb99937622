using Lms.Features.Courses;
using Marten.Services.BatchQuerying;

namespace Lms.Features.Identity.Profile;

/// <summary>004's teacher numbers (<see cref="TeacherStats004"/>), counted in the database in one batch with the teacher.</summary>
internal static class TeacherNumbers004
{
    /// <summary>The teacher and their numbers in one round trip; null when there is no such user.</summary>
    public static async Task<(User? Teacher, TeacherStats004 Stats)> LoadAsync(IQuerySession session, long teacherId, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var teacher = batch.Load<User>(teacherId);
        var (courses, students) = Counts(batch, teacherId);
        await batch.Execute(ct);
        return (await teacher, new TeacherStats004((int)await courses, (int)await students, Rating: 0));
    }

    /// <summary>The numbers of a teacher already loaded (one round trip).</summary>
    public static async Task<TeacherStats004> CountAsync(IQuerySession session, long teacherId, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var (courses, students) = Counts(batch, teacherId);
        await batch.Execute(ct);
        return new TeacherStats004((int)await courses, (int)await students, Rating: 0);
    }

    private static (Task<long> Courses, Task<long> Students) Counts(IBatchedQuery batch, long teacherId) =>
        (batch.Query<Course>().Where(c => c.InstructorId == teacherId).Count(),
         batch.Query<TeacherStudent>().Where(x => x.TeacherId == teacherId).Count());
}
