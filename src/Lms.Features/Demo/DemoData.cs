using Bogus;
using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Courses;
using Lms.Features.Enrollments;
using Lms.Features.Identity;
using Lms.Features.Progress;

namespace Lms.Features.Demo;

/// <summary>
/// Demo data for <c>build/run.sh</c> (Bogus, fixed seed, loaded once): teachers, students, courses with lessons,
/// enrollments with some progress. The admin comes from <see cref="Bootstrap"/>. Logins are listed in the README.
/// </summary>
public sealed class DemoData(IDocumentStore store, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string TeacherPassword = "Teacher123!";
    public const string StudentPassword = "Student123!";
    public const int Teachers = 3;
    public const int Students = 10;
    public const int CoursesPerTeacher = 4;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId));
        if (await session.Query<User>().AnyAsync(u => u.UsernameNormalized == "TEACHER1", ct))
        {
            logger.LogInformation("Demo data already loaded");
            return;
        }

        Randomizer.Seed = new Random(20261122);
        var faker = new Faker("en");
        var now = clock.GetUtcNow();

        // Hashing is deliberately slow; every demo teacher (and every student) shares one hash of the same password.
        var teacherHash = Passwords.Hash(new User(), TeacherPassword);
        var studentHash = Passwords.Hash(new User(), StudentPassword);

        var teachers = Enumerable.Range(1, Teachers).Select(i =>
        {
            var u = User.Create($"teacher{i}", $"teacher{i}@lms.local", faker.Name.FirstName(), faker.Name.LastName(), Role.Teacher,
                now.AddDays(-90));
            u.PasswordHash = teacherHash;
            u.Bio = faker.Lorem.Sentence(12);
            return u;
        }).ToList();
        var students = Enumerable.Range(1, Students).Select(i =>
        {
            var u = User.Create($"student{i}", $"student{i}@lms.local", faker.Name.FirstName(), faker.Name.LastName(), Role.Student,
                now.AddDays(-60));
            u.PasswordHash = studentHash;
            u.Phone = faker.Phone.PhoneNumber("+20##########");
            return u;
        }).ToList();
        session.Store(teachers.ToArray());
        session.Store(students.ToArray());

        string[] categories = ["Web Development", "Data Science", "Mathematics", "Languages", "Design"];
        var courses = new List<Course>();
        var lessons = new List<Lesson>();
        foreach (var teacher in teachers)
        {
            for (var i = 0; i < CoursesPerTeacher; i++)
            {
                var title = faker.Company.CatchPhrase();
                var course = new Course
                {
                    Title = title,
                    Slug = $"{CourseRulesSlug(title)}-{courses.Count + 1}",
                    Description = faker.Lorem.Paragraph(),
                    Category = faker.PickRandom(categories),
                    Level = faker.PickRandom<CourseLevel>(),
                    DurationWeeks = faker.Random.Int(2, 12),
                    Status = i == CoursesPerTeacher - 1 ? CourseStatus.Draft : CourseStatus.Published,
                    InstructorId = teacher.Id,
                    CreatedAt = now.AddDays(-30 + courses.Count),
                    UpdatedAt = now.AddDays(-30 + courses.Count),
                };
                session.Store(course);
                courses.Add(course);
                for (var order = 1; order <= 5; order++)
                {
                    var lesson = new Lesson
                    {
                        CourseId = course.Id, Title = faker.Hacker.Phrase(), Order = order, DurationMinutes = faker.Random.Int(5, 45),
                        CreatedAt = course.CreatedAt,
                    };
                    session.Store(lesson);
                    lessons.Add(lesson);
                }
            }
        }

        var published = courses.Where(c => c.Status == CourseStatus.Published).ToList();
        foreach (var student in students)
        {
            foreach (var course in faker.PickRandom(published, 3))
            {
                var courseLessons = lessons.Where(l => l.CourseId == course.Id).OrderBy(l => l.Order).ToList();
                var (enrollment, progress) = Enrollment.Start(course, student.Id, courseLessons, now.AddDays(-20));
                foreach (var p in progress.Take(faker.Random.Int(0, courseLessons.Count)))
                {
                    enrollment.Record(p.MoveTo(ProgressStatus.Completed, now.AddDays(-10)), ProgressStatus.Completed, now.AddDays(-10));
                }
                session.Store(enrollment);
                session.Store(progress.ToArray());
            }
        }

        await session.SaveChangesAsync(ct);
        logger.LogInformation("Loaded demo data: {Teachers} teachers, {Students} students, {Courses} courses", Teachers, Students, courses.Count);
    }

    private static string CourseRulesSlug(string title) => CourseRules.Slugify(title);
}
