using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Lms.Features.Courses;
using Lms.Features.Enrollments;
using Lms.Features.Identity.Clients;
using Lms.Tests.Integration.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lms.Tests.Integration.Platform;

/// <summary>The list route (its pattern as routing holds it) that a <see cref="QueryCountTests"/> test guards.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class GuardsAttribute(string pattern) : Attribute
{
    public string Pattern { get; } = pattern;
}

/// <summary>
/// No N+1 by construction (issue 9): every list route sends the same number of SQL round trips for 2 rows as for 6
/// (<see cref="NoNPlusOne"/>), with rows that carry the related data a naive handler would load per row. Each test names
/// the routes it guards with <see cref="GuardsAttribute"/>; <see cref="Every_served_list_route_has_a_query_count_guard"/>
/// derives the list routes from the app's endpoints, so a new list slice without a guard fails the suite.
/// </summary>
public sealed class QueryCountTests(LmsApiFactory factory, ITestOutputHelper output) : TeacherStudentsTest(factory)
{
    private static readonly string[] FirstNames = ["Asha", "Bela", "Chen", "Dara", "Eli", "Femi"];

    [Fact, Guards("/api/courses/")]
    public Task ListCourses003_sends_the_same_SQL_for_more_courses_each_with_its_own_instructor() =>
        Guard("/api/courses/", Anonymous(), async i =>
        {
            var (teacher, _, _) = await NewTeacher();
            await NewCourse(teacher, $"guarded-{i}");
        });

    [Fact, Guards("/api/enrollments/")]
    public async Task ListMyEnrollments003_sends_the_same_SQL_for_more_enrollments_each_in_its_own_course()
    {
        var (student, _, _) = await NewUser();
        await Guard("/api/enrollments/", student, async i => await EnrollOk(student, await PublishedCourseWithLessons($"enrolled-{i}", 1)));
    }

    [Fact, Guards("/api/progress/")]
    public async Task GetCourseProgress003_sends_the_same_SQL_for_more_progress_records_each_of_its_own_lesson()
    {
        var (student, studentId, _) = await NewUser();
        var courseId = await PublishedCourseWithLessons("progress", 0);
        await EnrollOk(student, courseId);
        await Guard($"/api/progress/?course_id={courseId}", student, i => AddLessonWithProgress(courseId, studentId, i));
    }

    [Fact, Guards("/api/auth/users/")]
    public async Task ListUsers000_sends_the_same_SQL_for_more_users()
    {
        var admin = await AsAdmin();
        await Guard("/api/auth/users/", admin, i => NewUser(i % 2 == 0 ? "student" : "teacher"));
    }

    [Fact, Guards("/api/users/profiles/all/")]
    public async Task ListProfiles002_sends_the_same_SQL_for_more_accounts()
    {
        var admin = await AsAdmin();
        await Guard("/api/users/profiles/all/", admin, i => NewUser(i % 2 == 0 ? "student" : "teacher"));
    }

    [Fact, Guards("/api/users/students/all/")]
    public async Task ListStudents002_sends_the_same_SQL_for_more_students()
    {
        var (teacher, _, _) = await NewTeacher();
        await Guard("/api/users/students/all/", teacher, _ => NewUser());
    }

    [Fact, Guards("/api/users/teachers/all/")]
    public async Task ListTeachers002_sends_the_same_SQL_for_more_teachers()
    {
        var (student, _, _) = await NewUser();
        await Guard("/api/users/teachers/all/", student, _ => NewTeacher());
    }

    [Fact, Guards("/accounts/clients/")]
    public async Task ListClients001_sends_the_same_SQL_for_more_clients_each_with_its_features()
    {
        var admin = await AsAdmin();
        await Guard("/accounts/clients/", admin, async i =>
        {
            var created = await admin.PostAsJsonAsync("/accounts/clients/", new { name = $"Guarded Client {i}", is_active = true });
            var id = (await Ok(created))["id"]!.GetValue<long>();
            var selected = await admin.PostAsJsonAsync($"/accounts/clients/{id}/features/select/", new { feature_ids = new[] { 1, 2 + i } });
            await Ok(selected);
        });
    }

    /// <summary>
    /// The catalogue is the code's (<see cref="FeatureCatalog"/>) and no route adds to it, so the extra features are
    /// stored directly; the route lists whatever the table holds.
    /// </summary>
    [Fact, Guards("/accounts/features/")]
    public Task ListFeatures001_sends_the_same_SQL_for_more_features() =>
        Guard("/accounts/features/", Anonymous(), async i =>
        {
            await using var session = Factory.Services.GetRequiredService<IDocumentStore>().LightweightSession("1");
            session.Store(new Feature { Id = 100 + i, Name = $"Guarded feature {i}" });
            await session.SaveChangesAsync();
        });

    /// <summary>Each student joined the teacher, enrolled in the teacher's course and completed its lesson.</summary>
    [Theory, Guards("/api/teacher/get_students/"), Guards("/api/v1/teacher/get_students/")]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    public async Task ListStudents004_sends_the_same_SQL_for_more_students_each_with_profile_and_completions(string prefix)
    {
        var (teacher, _, teacherUsername) = await NewTeacher();
        var courseId = await NewCourse(teacher, "taught");
        await AddLessons(courseId, ["The only lesson"]);
        await Guard($"{prefix}/teacher/get_students/", teacher, async i =>
        {
            var student = await JoinedStudent(teacherUsername, FirstNames[i], "Guarded");
            await EnrollOk(student.Client, courseId);
            var lesson = Assert.Single(await ProgressIds(student.Client, courseId));
            Assert.Equal(HttpStatusCode.OK, (await PutProgress(student.Client, lesson, new { status = "completed" })).StatusCode);
        });
    }

    [Fact]
    public void Every_served_list_route_has_a_query_count_guard()
    {
        var lists = ListRoutes.Of(Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints);
        var guarded = Guarded();

        Assert.True(lists.Unclassified.Count == 0,
            "GET routes whose 200 body type is not declared, so no one can tell whether they list rows (return TypedResults, or " +
            "add .Produces<T>(200)), or list them in ListRoutes.NotJson with the reason:\n" + string.Join("\n", lists.Unclassified));
        var missing = lists.Lists.Except(guarded).ToList();
        Assert.True(missing.Count == 0,
            "list routes without a query-count guard: add a test to Platform/QueryCountTests with [Guards(\"<pattern>\")] that seeds " +
            "rows the caller sees (with the related data a handler would load per row) and calls NoNPlusOne.AssertAsync:\n" +
            string.Join("\n", missing));
        var stale = guarded.Except(lists.Lists).ToList();
        Assert.True(stale.Count == 0, "[Guards] patterns that are no served list route (renamed or removed?):\n" + string.Join("\n", stale));
    }

    [Fact]
    public void A_list_route_added_without_a_guard_is_reported_and_a_detail_route_is_not()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var after = ListRoutes.Of(endpoints
            .Append(Route("/api/widgets/", typeof(IReadOnlyList<CourseResponse>)))
            .Append(Route("/api/gadgets/", typeof(Lms.Features.Common.Paging.PageEnvelope<CourseResponse>)))
            .Append(Route("/api/widgets/{id:long}/", typeof(CourseResponse)))
            .Append(Route("/api/blobs/", null)));

        Assert.Contains("/api/widgets/", after.Lists);
        Assert.Contains("/api/gadgets/", after.Lists);
        Assert.DoesNotContain("/api/widgets/{id:long}/", after.Lists);
        Assert.Contains("/api/blobs/", after.Unclassified);
        Assert.Contains("/api/courses/", after.Lists);
        Assert.Contains("/api/progress/", after.Lists);
        Assert.DoesNotContain("/api/courses/{id:long}/", after.Lists);
    }

    private async Task Guard(string path, HttpClient client, Func<int, Task> seed)
    {
        var result = await NoNPlusOne.AssertAsync(client, () => new HttpRequestMessage(HttpMethod.Get, path), seed);
        var line = $"query count GET {path}: {result}";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>
    /// A lesson (lessons have no route yet, see <see cref="Lms.Tests.Integration.Enrollments.EnrollmentTest.AddLessons"/>) and the student's progress
    /// record for it, made by the same rule enrolling uses (<see cref="Enrollment.Start"/>).
    /// </summary>
    private async Task AddLessonWithProgress(long courseId, long studentId, int i)
    {
        var lessonId = (await AddLessons(courseId, [$"Lesson {i + 1}"], [i + 1]))[0];
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().LightweightSession("1");
        var course = await session.LoadAsync<Course>(courseId);
        var lesson = await session.LoadAsync<Lesson>(lessonId);
        var (_, progress) = Enrollment.Start(course!, studentId, [lesson!], DateTimeOffset.UtcNow);
        session.Insert(progress.ToArray());
        await session.SaveChangesAsync();
    }

    private static HashSet<string> Guarded() =>
        typeof(QueryCountTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes<GuardsAttribute>())
            .Select(a => a.Pattern)
            .ToHashSet(StringComparer.Ordinal);

    private static RouteEndpoint Route(string pattern, Type? ok)
    {
        var builder = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0)
        {
            DisplayName = "test route",
            Metadata = { new HttpMethodMetadata([HttpMethods.Get]) },
        };
        if (ok is not null) builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, ok, ["application/json"]));
        return (RouteEndpoint)builder.Build();
    }
}

/// <summary>
/// The GET routes that list rows, derived from the endpoints' own metadata: a route lists when its declared 200 body is a
/// collection (000's and 001's bare arrays) or has a collection <c>Results</c> (the count/next/previous/results page of
/// 002, 003 and 004, and 003's progress records). A detail whose view nests a collection is not a list.
/// </summary>
internal sealed class ListRoutes
{
    /// <summary>GET routes with no JSON body to classify, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotJson = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/openapi/{documentName}.json"] = "the OpenAPI documents",
        ["/docs/{documentName?}"] = "Scalar's HTML page",
        ["/docs/scalar.js"] = "Scalar's script",
        ["/docs/scalar.aspnetcore.js"] = "Scalar's script",
        ["/docs/favicon.svg"] = "Scalar's icon",
    };

    private ListRoutes(IReadOnlyList<string> lists, IReadOnlyList<string> unclassified) => (Lists, Unclassified) = (lists, unclassified);

    public IReadOnlyList<string> Lists { get; }

    /// <summary>GET routes that declare no 200 body type and are not in <see cref="NotJson"/>.</summary>
    public IReadOnlyList<string> Unclassified { get; }

    public static ListRoutes Of(IEnumerable<Endpoint> endpoints)
    {
        var lists = new List<string>();
        var unclassified = new List<string>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) != true) continue;
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var ok = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().FirstOrDefault(p => p.StatusCode == StatusCodes.Status200OK)?.Type;
            if (ok is null || ok == typeof(void))
            {
                if (!NotJson.ContainsKey(pattern)) unclassified.Add(pattern);
            }
            else if (IsCollection(ok) || ok.GetProperty("Results") is { } results && IsCollection(results.PropertyType))
            {
                lists.Add(pattern);
            }
        }
        return new ListRoutes(lists.Distinct().ToList(), unclassified.Distinct().ToList());
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
