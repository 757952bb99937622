using System.Net;
using System.Net.Http.Json;
using Lms.Features.Courses;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Courses;

/// <summary>
/// The catalog's <c>count</c> comes from counts PostgreSQL keeps by trigger (MaintainedCounts), not from a scan. These
/// tests hold it to the rows themselves: for every kind of caller and filter, through creates, status changes, deletes,
/// a reset of all data, a bulk insert and concurrent status changes.
/// </summary>
public sealed class CatalogCountTests(LmsApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Queries =
        ["", "?level=advanced", "?level=beginner", "?status=published", "?status=draft", "?status=pending&level=advanced", "?search=counted"];

    [Fact]
    public async Task The_count_matches_the_rows_for_every_caller_and_filter_through_creates_changes_and_deletes()
    {
        var (teacher, teacherId, _) = await NewUser("teacher");
        var (other, otherId, _) = await NewUser("teacher");
        var (student, _, _) = await NewUser();
        var admin = await AsAdmin();
        var mine = new List<long>();
        for (var i = 0; i < 4; i++) mine.Add(await NewCourse(teacher, $"mine-{i}", publish: i % 2 == 0, title: $"Counted {i}", level: i < 2 ? "advanced" : "beginner"));
        var theirs = await NewCourse(other, "theirs", publish: false, title: "Counted theirs", level: "advanced");
        await NewCourse(other, "theirs-published", title: "Theirs published", level: "advanced");

        await AssertCountsMatch(teacherId, teacher, (otherId, other), student, admin);

        // A status change moves a course between counts; so does a level change; a delete removes it.
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/courses/{mine[1]}/", new { status = "pending" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/courses/{mine[2]}/", new { level = "intermediate" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/courses/{theirs}/", new { status = "published" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await teacher.DeleteAsync($"/api/courses/{mine[0]}/")).StatusCode);

        await AssertCountsMatch(teacherId, teacher, (otherId, other), student, admin);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_still_reports_the_count_as_does_an_empty_catalog()
    {
        Assert.Equal(0, (await Json(await Anonymous().GetAsync("/api/courses/")))["count"]!.GetValue<long>());
        var (teacher, _, _) = await NewUser("teacher");
        await NewCourse(teacher, "only-one");
        await NewCourse(teacher, "only-two");

        var response = await Anonymous().GetAsync("/api/courses/?page=5&page_size=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(2, body["count"]!.GetValue<long>());
        Assert.Empty(body["results"]!.AsArray());
        Assert.Null(body["next"]);
    }

    [Fact]
    public async Task A_reset_of_all_data_and_a_bulk_insert_keep_the_counts_true()
    {
        var (teacher, teacherId, _) = await NewUser("teacher");
        await NewCourse(teacher, "before-reset");
        await Factory.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData(); // TRUNCATE
        Assert.Equal(0, (await Json(await Anonymous().GetAsync("/api/courses/")))["count"]!.GetValue<long>());

        // COPY, as Marten's bulk insert (the benchmark's large data) writes rows.
        var now = DateTimeOffset.UtcNow;
        var courses = Enumerable.Range(0, 30).Select(i => new Course
        {
            Title = $"Bulk {i}", Slug = $"bulk-{i}", Status = i % 3 == 0 ? CourseStatus.Draft : CourseStatus.Published,
            Level = CourseLevel.Intermediate, InstructorId = teacherId, CreatedAt = now.AddMinutes(-i), UpdatedAt = now,
        }).ToList();
        await Factory.Services.GetRequiredService<IDocumentStore>().BulkInsertAsync("1", courses, Weasel.Core.BulkInsertMode.InsertsOnly);

        Assert.Equal(20, (await Json(await Anonymous().GetAsync("/api/courses/")))["count"]!.GetValue<long>());
        Assert.Equal(20, (await Json(await Anonymous().GetAsync("/api/courses/?level=intermediate")))["count"]!.GetValue<long>());
        Assert.Equal(0, (await Json(await Anonymous().GetAsync("/api/courses/?level=advanced")))["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Concurrent_status_changes_in_opposite_directions_neither_deadlock_nor_drift()
    {
        var (teacher, teacherId, _) = await NewUser("teacher");
        var ids = new List<long>();
        for (var i = 0; i < 6; i++) ids.Add(await NewCourse(teacher, $"race-{i}", publish: false, title: $"Counted race {i}"));

        // Every course flips draft ⇄ pending many times, from several clients at once, in opposite orders.
        var statuses = new[] { "pending", "draft" };
        var tasks = Enumerable.Range(0, 24).Select(async n =>
        {
            var order = n % 2 == 0 ? ids : Enumerable.Reverse(ids).ToList();
            foreach (var id in order)
            {
                var response = await teacher.PutAsJsonAsync($"/api/courses/{id}/", new { status = statuses[(n + (int)id) % 2] });
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });
        await Task.WhenAll(tasks);

        var (student, _, _) = await NewUser();
        await AssertCountsMatch(teacherId, teacher, (0, Anonymous()), student, await AsAdmin());
    }

    /// <summary>Each caller's page count against a count of the rows it may see (LINQ over the documents).</summary>
    private async Task AssertCountsMatch(long teacherId, HttpClient teacher, (long Id, HttpClient Client) other, HttpClient student, HttpClient admin)
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession("1");
        var rows = await session.Query<Course>().ToListAsync();
        foreach (var query in Queries)
        {
            var filtered = rows.Where(c => Matches(c, query)).ToList();
            var published = filtered.Count(c => c.Status == CourseStatus.Published);
            await AssertCount(Anonymous(), query, published);
            await AssertCount(student, query, published);
            await AssertCount(other.Client, query, filtered.Count(c => c.Status == CourseStatus.Published || (other.Id != 0 && c.InstructorId == other.Id)));
            await AssertCount(teacher, query, filtered.Count(c => c.Status == CourseStatus.Published || c.InstructorId == teacherId));
            await AssertCount(admin, query, filtered.Count);
        }
    }

    private static async Task AssertCount(HttpClient client, string query, long expected)
    {
        var response = await client.GetAsync("/api/courses/" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var count = body["count"]!.GetValue<long>();
        Assert.True(expected == count, $"GET /api/courses/{query}: count {count}, rows {expected}");
        // The count also agrees with the pages themselves.
        Assert.True(body["results"]!.AsArray().Count == Math.Min(count, 20), $"GET /api/courses/{query}: count {count}, page {body["results"]!.AsArray().Count}");
    }

    private static bool Matches(Course c, string query)
    {
        var q = System.Web.HttpUtility.ParseQueryString(query);
        return (q["level"] is not { } level || string.Equals(c.Level.ToString(), level, StringComparison.OrdinalIgnoreCase))
               && (q["status"] is not { } status || string.Equals(c.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
               && (q["search"] is not { } search || c.Title.Contains(search, StringComparison.OrdinalIgnoreCase)
                   || c.Description.Contains(search, StringComparison.OrdinalIgnoreCase));
    }
}
