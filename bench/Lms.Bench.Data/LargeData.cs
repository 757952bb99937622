using System.Diagnostics;
using System.Globalization;
using Bogus;
using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Courses;
using Lms.Features.Enrollments;
using Lms.Features.Identity;
using Lms.Features.Progress;
using Marten;
using Npgsql;
using Weasel.Core;

namespace Lms.Bench.Data;

/// <summary>
/// The benchmark's large data set (issue 9), added to client 1 beside the demo data and never touching it: bench teachers
/// and students, courses with lessons, enrollments and one progress row per enrollment. Bogus with a fixed seed, Marten's
/// bulk insert (COPY) in chunks, so memory stays flat. A marker user, written last, makes a second run a no-op; a run
/// that finds bench rows without the marker (a load killed half way) removes them and loads again.
/// </summary>
internal sealed class LargeData(IDocumentStore store, LoadOptions options, TextWriter output)
{
    public const int EnrollmentsPerStudent = 50;
    public const int LessonsPerCourse = 3;

    /// <summary>Every bench username starts with this; demo usernames (teacher1, student1 …) do not.</summary>
    public const string Prefix = "bench-";

    /// <summary>Written last: its presence means the whole data set is in the database.</summary>
    public const string MarkerUsername = "bench-marker";

    /// <summary>The one password of every bench account (one hash, computed once: hashing is slow on purpose).</summary>
    public const string Password = "Bench123!";

    private const int CourseChunk = 10_000;
    private const int StudentChunk = 500; // × 50 = 25,000 enrollments and as many progress rows per bulk insert
    private const int CopyBatch = 5_000;
    private const int SecondsPerDay = 86_400;

    private static readonly string Tenant = TenantContext.TenantIdOf(TenantContext.DefaultClientId);
    private static readonly string[] Categories =
        ["Web Development", "Data Science", "Mathematics", "Languages", "Design", "Business", "Music", "Photography"];
    private static readonly string[] Specializations = ["Mathematics", "Physics", "Computer Science", "English", "Chemistry", "Biology"];

    private readonly Stopwatch _total = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        _total.Start();
        DateTimeOffset anchor;
        await using (var query = store.QuerySession(Tenant))
        {
            var markerKey = AccountRules.Key(MarkerUsername);
            var marker = await query.Query<User>().FirstOrDefaultAsync(u => u.UsernameNormalized == markerKey, ct);
            if (marker is not null)
            {
                output.WriteLine($"large data already loaded ({marker.Bio}); nothing to do");
                return 0;
            }
            if (!await query.Query<User>().AnyAsync(u => u.UsernameNormalized == "student1", ct))
            {
                await Console.Error.WriteLineAsync(
                    $"large data: no demo data in schema '{options.Schema}' (no user student1). Start the API once against this database " +
                    "with Lms__SeedDemoData=true, then run the loader again.");
                return 1;
            }
            if (await query.Query<User>().AnyAsync(u => u.UsernameNormalized.StartsWith(Prefix), ct))
                await RemovePartialLoadAsync(query, ct);

            // Every bench date lies before the demo's oldest course, so the demo's newest-first pages stay on top, and the
            // data set's dates relate to the demo data's the same way on every machine.
            var oldestDemoCourse = await query.Query<Course>().OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).FirstOrDefaultAsync(ct);
            anchor = (oldestDemoCourse == default ? DateTimeOffset.UtcNow : oldestDemoCourse).AddDays(-1);
        }

        Randomizer.Seed = new Random(options.Seed);
        var faker = new Faker("en");
        output.WriteLine($"large data: loading into schema '{options.Schema}', tenant {Tenant}: {options.Describe()}");

        var (teacherIds, studentIds) = await LoadUsersAsync(faker, anchor, ct);
        var courses = await LoadCoursesAsync(faker, teacherIds, anchor, ct);
        await LoadEnrollmentsAsync(faker, studentIds, courses, anchor, ct);
        await WriteMarkerAsync(anchor, ct);
        await AnalyzeAsync(ct);

        output.WriteLine($"large data: done in {Seconds(_total)}: {options.Describe()}");
        return 0;
    }

    private async Task<(long[] Teachers, long[] Students)> LoadUsersAsync(Faker faker, DateTimeOffset anchor, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var hash = Passwords.Hash(new User(), Password);

        var teachers = new List<User>(options.Teachers);
        for (var i = 1; i <= options.Teachers; i++)
        {
            var u = NewUser(faker, hash, string.Create(CultureInfo.InvariantCulture, $"{Prefix}teacher-{i:D4}"), Role.Teacher, anchor);
            u.SetPhone(string.Create(CultureInfo.InvariantCulture, $"203{i:D8}"));
            u.Bio = faker.Lorem.Sentence(12);
            u.Specialization = faker.PickRandom(Specializations);
            u.ExperienceYears = faker.Random.Int(1, 30);
            teachers.Add(u);
        }
        await BulkInsertAsync(teachers, ct);
        output.WriteLine($"large data: teachers {teachers.Count}/{options.Teachers} in {Seconds(watch)}");

        watch.Restart();
        var studentIds = new long[options.Students];
        var chunk = new List<User>(CourseChunk);
        for (var i = 1; i <= options.Students; i++)
        {
            var u = NewUser(faker, hash, string.Create(CultureInfo.InvariantCulture, $"{Prefix}student-{i:D5}"), Role.Student, anchor);
            u.SetPhone(string.Create(CultureInfo.InvariantCulture, $"204{i:D8}"));
            u.GuardianPhone = string.Create(CultureInfo.InvariantCulture, $"205{i:D8}");
            u.Grade = string.Create(CultureInfo.InvariantCulture, $"Grade {faker.Random.Int(7, 12)}");
            u.SchoolName = faker.Company.CompanyName() + " School";
            chunk.Add(u);
            if (chunk.Count == CourseChunk || i == options.Students)
            {
                await BulkInsertAsync(chunk, ct);
                for (var k = 0; k < chunk.Count; k++) studentIds[i - chunk.Count + k] = chunk[k].Id;
                chunk.Clear();
                output.WriteLine($"large data: students {i}/{options.Students} in {Seconds(watch)}");
            }
        }
        return (teachers.Select(t => t.Id).ToArray(), studentIds);
    }

    private static User NewUser(Faker faker, string hash, string username, Role role, DateTimeOffset anchor)
    {
        var u = User.Create(username, username + "@bench.local", faker.Name.FirstName(), faker.Name.LastName(), role,
            anchor.AddSeconds(-faker.Random.Int(731 * SecondsPerDay, 1000 * SecondsPerDay)));
        u.Key = faker.Random.Guid();
        u.PasswordHash = hash;
        u.EmailVerified = true;
        u.RegisteredVia = "bench";
        return u;
    }

    /// <summary>What the enrollments need of a course, kept for all of them (a few MB at 100k).</summary>
    private readonly record struct CourseFacts(long Id, long FirstLessonId, DateTimeOffset CreatedAt);

    private async Task<List<CourseFacts>> LoadCoursesAsync(Faker faker, long[] teacherIds, DateTimeOffset anchor, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var published = new List<CourseFacts>(options.Courses);
        var chunk = new List<Course>(CourseChunk);
        var lessons = new List<Lesson>(CourseChunk * LessonsPerCourse);
        var lessonCount = 0;
        for (var i = 1; i <= options.Courses; i++)
        {
            var createdAt = anchor.AddSeconds(-faker.Random.Int(0, 730 * SecondsPerDay));
            var sinceCreated = (int)(anchor - createdAt).TotalSeconds;
            chunk.Add(new Course
            {
                Key = faker.Random.Guid(),
                Title = faker.Company.CatchPhrase(),
                Slug = string.Create(CultureInfo.InvariantCulture, $"{Prefix}course-{i:D6}"),
                Description = faker.Lorem.Paragraph(),
                Category = faker.PickRandom(Categories),
                Level = faker.PickRandom<CourseLevel>(),
                DurationWeeks = faker.Random.Int(2, 16),
                Status = faker.Random.Double() switch
                {
                    < 0.80 => CourseStatus.Published,
                    < 0.90 => CourseStatus.Draft,
                    < 0.95 => CourseStatus.Pending,
                    _ => CourseStatus.Archived,
                },
                InstructorId = faker.PickRandom(teacherIds),
                CreatedAt = createdAt,
                UpdatedAt = createdAt.AddSeconds(faker.Random.Int(0, Math.Min(sinceCreated, 90 * SecondsPerDay))),
            });
            if (chunk.Count < CourseChunk && i < options.Courses) continue;

            await BulkInsertAsync(chunk, ct); // assigns the ids (HiLo) the lessons refer to
            foreach (var course in chunk)
            {
                for (var order = 1; order <= LessonsPerCourse; order++)
                {
                    lessons.Add(new Lesson
                    {
                        Key = faker.Random.Guid(), CourseId = course.Id, Title = faker.Hacker.Phrase(), Order = order,
                        DurationMinutes = faker.Random.Int(5, 45), CreatedAt = course.CreatedAt,
                    });
                }
            }
            await BulkInsertAsync(lessons, ct);
            for (var k = 0; k < chunk.Count; k++)
            {
                if (chunk[k].Status == CourseStatus.Published)
                    published.Add(new CourseFacts(chunk[k].Id, lessons[k * LessonsPerCourse].Id, chunk[k].CreatedAt));
            }
            lessonCount += lessons.Count;
            chunk.Clear();
            lessons.Clear();
            output.WriteLine($"large data: courses {i}/{options.Courses}, lessons {lessonCount} in {Seconds(watch)}");
        }
        output.WriteLine($"large data: {published.Count} of {options.Courses} courses published");
        return published;
    }

    private async Task LoadEnrollmentsAsync(Faker faker, long[] studentIds, List<CourseFacts> published, DateTimeOffset anchor,
        CancellationToken ct)
    {
        if (published.Count < EnrollmentsPerStudent)
            throw new InvalidOperationException(
                $"only {published.Count} published courses: each student needs {EnrollmentsPerStudent} distinct ones; load more courses");

        var watch = Stopwatch.StartNew();
        var enrollments = new List<Enrollment>(StudentChunk * EnrollmentsPerStudent);
        var progress = new List<LessonProgress>(StudentChunk * EnrollmentsPerStudent);
        var picked = new HashSet<int>();
        var enrolled = 0;
        var completed = 0;
        for (var s = 0; s < studentIds.Length; s++)
        {
            picked.Clear();
            var count = Math.Min(EnrollmentsPerStudent, options.Enrollments - enrolled);
            while (picked.Count < count) picked.Add(faker.Random.Int(0, published.Count - 1)); // distinct: the unique student+course index
            foreach (var index in picked)
            {
                var course = published[index];
                var enrolledAt = Between(faker, course.CreatedAt, anchor);
                var enrollment = new Enrollment
                {
                    Key = faker.Random.Guid(), StudentId = studentIds[s], CourseId = course.Id, Status = EnrollmentStatus.Active,
                    EnrolledAt = enrolledAt, TotalLessons = LessonsPerCourse,
                };
                if (enrolled < options.Progress)
                {
                    // One row per enrollment, for the course's first lesson; the enrollment's counter agrees with it. With one
                    // of three lessons tracked no enrollment is complete, so every status stays Active.
                    var status = faker.Random.Double() switch
                    {
                        < 0.40 => ProgressStatus.NotStarted,
                        < 0.70 => ProgressStatus.InProgress,
                        _ => ProgressStatus.Completed,
                    };
                    var updatedAt = status == ProgressStatus.NotStarted ? enrolledAt : Between(faker, enrolledAt, anchor);
                    progress.Add(new LessonProgress
                    {
                        StudentId = studentIds[s], CourseId = course.Id, LessonId = course.FirstLessonId, Status = status,
                        Notes = status == ProgressStatus.NotStarted ? "" : faker.Lorem.Sentence(6),
                        UpdatedAt = updatedAt, CompletedAt = status == ProgressStatus.Completed ? updatedAt : null,
                    });
                    if (status == ProgressStatus.Completed)
                    {
                        enrollment.CompletedLessons = 1;
                        completed++;
                    }
                }
                enrollments.Add(enrollment);
                enrolled++;
            }

            if ((s + 1) % StudentChunk != 0 && s < studentIds.Length - 1) continue;
            await BulkInsertAsync(enrollments, ct);
            await BulkInsertAsync(progress, ct);
            enrollments.Clear();
            progress.Clear();
            output.WriteLine(
                $"large data: enrollments {enrolled}/{options.Enrollments}, progress {Math.Min(enrolled, options.Progress)}/{options.Progress} in {Seconds(watch)}");
        }
        output.WriteLine($"large data: {completed} progress rows completed (their enrollments count 1 of {LessonsPerCourse} lessons)");
    }

    private static DateTimeOffset Between(Faker faker, DateTimeOffset from, DateTimeOffset to) =>
        from.AddSeconds(faker.Random.Int(0, Math.Max(0, (int)(to - from).TotalSeconds)));

    private async Task WriteMarkerAsync(DateTimeOffset anchor, CancellationToken ct)
    {
        // Inactive, and its password is random: the marker is not an account anyone signs in with.
        var marker = User.Create(MarkerUsername, MarkerUsername + "@bench.local", "Bench", "Marker", Role.Student, anchor);
        marker.PasswordHash = Passwords.Hash(marker, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        marker.IsActive = false;
        marker.RegisteredVia = "bench";
        marker.Bio = options.Describe();
        await using var session = store.LightweightSession(Tenant);
        session.Insert(marker);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The planner's statistics for the new sizes (autovacuum would get there later).</summary>
    private async Task AnalyzeAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var tables = new[] { typeof(User), typeof(Course), typeof(Lesson), typeof(Enrollment), typeof(LessonProgress) }
            .Select(t => store.Options.FindOrResolveDocumentType(t).TableName.QualifiedName);
        await using var connection = new NpgsqlConnection(options.Connection);
        await connection.OpenAsync(ct);
        foreach (var table in tables)
        {
            await using var analyze = new NpgsqlCommand($"analyze {table}", connection);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        output.WriteLine($"large data: analyze in {Seconds(watch)}");
    }

    /// <summary>
    /// A load killed half way leaves bench rows without the marker: remove them (one transaction) before loading again, so
    /// the unique indexes do not refuse the new rows and no half data set stays behind.
    /// </summary>
    private async Task RemovePartialLoadAsync(IQuerySession query, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var teacherIds = (await query.Query<User>()
            .Where(u => u.UsernameNormalized.StartsWith(Prefix) && u.Role == Role.Teacher).Select(u => u.Id).ToListAsync(ct)).ToArray();
        var studentIds = (await query.Query<User>()
            .Where(u => u.UsernameNormalized.StartsWith(Prefix) && u.Role == Role.Student).Select(u => u.Id).ToListAsync(ct)).ToArray();
        var courseIds = (await query.Query<Course>().Where(c => c.InstructorId.IsOneOf(teacherIds)).Select(c => c.Id).ToListAsync(ct)).ToArray();
        output.WriteLine(
            $"large data: found a partial load ({teacherIds.Length} teachers, {studentIds.Length} students, {courseIds.Length} courses, no marker); removing it");

        await using var session = store.LightweightSession(Tenant);
        session.DeleteWhere<LessonProgress>(p => p.StudentId.IsOneOf(studentIds));
        session.DeleteWhere<Enrollment>(e => e.StudentId.IsOneOf(studentIds));
        session.DeleteWhere<Lesson>(l => l.CourseId.IsOneOf(courseIds));
        session.DeleteWhere<Course>(c => c.InstructorId.IsOneOf(teacherIds));
        session.DeleteWhere<User>(u => u.UsernameNormalized.StartsWith(Prefix));
        await session.SaveChangesAsync(ct);
        output.WriteLine($"large data: partial load removed in {Seconds(watch)}");
    }

    /// <summary>COPY into client 1's rows; Marten assigns the HiLo ids on the documents before it writes them.</summary>
    private Task BulkInsertAsync<T>(IReadOnlyCollection<T> documents, CancellationToken ct) where T : notnull =>
        store.BulkInsertAsync(Tenant, documents, BulkInsertMode.InsertsOnly, CopyBatch, ct);

    private static string Seconds(Stopwatch watch) => string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:F1} s");
}
