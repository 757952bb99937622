using Bogus;
using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Courses;
using Lms.Features.Enrollments;
using Lms.Features.Identity;
using Lms.Features.Identity.Clients;
using Lms.Features.Progress;

namespace Lms.Features.Demo;

/// <summary>
/// Demo data for <c>build/run.sh</c> (Bogus, fixed seed, loaded once): teachers, students, courses with lessons,
/// enrollments with some progress, students joined to teachers (004, one of them blocked), and a second client (tenant)
/// with its own admin and students (001). The admin of client 1 comes from <see cref="Bootstrap"/>. Logins are listed
/// in the README.
/// </summary>
public sealed class DemoData(IDocumentStore store, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string TeacherPassword = "Teacher123!";
    public const string StudentPassword = "Student123!";
    public const int Teachers = 3;
    public const int Students = 10;
    public const int CoursesPerTeacher = 4;
    public const long SecondClientId = 2;
    public const string SecondClientAdminPassword = "Admin123!";

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId));
        if (await session.Query<User>().AnyAsync(u => u.UsernameNormalized == "teacher1", ct))
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
            u.SetPhone($"2010000000{i:D2}");
            u.Specialization = faker.PickRandom("Mathematics", "Physics", "Computer Science", "English", "Chemistry");
            u.ExperienceYears = faker.Random.Int(2, 25);
            u.EmailVerified = true;
            u.RegisteredVia = "demo";
            return u;
        }).ToList();
        var students = Enumerable.Range(1, Students).Select(i =>
        {
            var u = User.Create($"student{i}", $"student{i}@lms.local", faker.Name.FirstName(), faker.Name.LastName(), Role.Student,
                now.AddDays(-60));
            u.PasswordHash = studentHash;
            u.SetPhone($"2011000000{i:D2}");
            u.GuardianPhone = $"2012000000{i:D2}";
            u.Grade = $"Grade {faker.Random.Int(7, 12)}";
            u.SchoolName = faker.Company.CompanyName() + " School";
            u.EmailVerified = true;
            u.RegisteredVia = "demo";
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

        // 004: students 1-6 joined teacher1 (student4 blocked by teacher1), students 5-10 joined teacher2.
        for (var i = 0; i < Students; i++)
        {
            if (i < 6) session.Store(TeacherStudent.Link(teachers[0], students[i], now.AddDays(-50 + i)) is var a && i == 3 ? Blocked(a) : a);
            if (i >= 4) session.Store(TeacherStudent.Link(teachers[1], students[i], now.AddDays(-40 + i)));
        }

        await session.SaveChangesAsync(ct);
        await LoadSecondClientAsync(faker, studentHash, now, ct);
        logger.LogInformation("Loaded demo data: {Teachers} teachers, {Students} students, {Courses} courses, client {Client}",
            Teachers, Students, courses.Count, SecondClientId);
    }

    private static TeacherStudent Blocked(TeacherStudent link)
    {
        link.IsBlocked = true;
        return link;
    }

    /// <summary>001's multi-tenancy: client 2 ("Acme Academy") with its own admin and three students.</summary>
    private async Task LoadSecondClientAsync(Faker faker, string studentHash, DateTimeOffset now, CancellationToken ct)
    {
        await using (var global = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId)))
        {
            if (await global.LoadAsync<Client>(SecondClientId, ct) is null)
            {
                global.Store(new Client { Id = SecondClientId, Name = "Acme Academy", Slug = "acme", CreatedAt = now.AddDays(-100) });
                await global.SaveChangesAsync(ct);
            }
        }

        await using var session = store.LightweightSession(TenantContext.TenantIdOf(SecondClientId));
        var admin = User.Create("acme-admin", "admin@acme.lms.local", "Acme", "Admin", Role.Admin, now.AddDays(-100));
        admin.PasswordHash = Passwords.Hash(admin, SecondClientAdminPassword);
        admin.EmailVerified = true;
        admin.RegisteredVia = "demo";
        session.Store(admin);
        for (var i = 1; i <= 3; i++)
        {
            var u = User.Create($"acme-student{i}", $"student{i}@acme.lms.local", faker.Name.FirstName(), faker.Name.LastName(),
                Role.Student, now.AddDays(-30));
            u.PasswordHash = studentHash;
            u.EmailVerified = true;
            u.RegisteredVia = "demo";
            session.Store(u);
        }
        await session.SaveChangesAsync(ct);
    }

    private static string CourseRulesSlug(string title) => CourseRules.Slugify(title);
}
