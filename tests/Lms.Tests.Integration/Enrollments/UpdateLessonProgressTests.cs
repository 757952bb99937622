using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Enrollments;

/// <summary>003 <c>PUT /api/progress/{id}/</c> and its effect on the enrollment.</summary>
public sealed class UpdateLessonProgressTests(LmsApiFactory factory) : EnrollmentTest(factory)
{
    private async Task<(HttpClient Student, long CourseId, IReadOnlyList<long> RecordIds)> Enrolled(string slug, int lessons)
    {
        var courseId = await PublishedCourseWithLessons(slug, lessons);
        var (student, _, _) = await NewUser();
        await EnrollOk(student, courseId);
        return (student, courseId, await ProgressIds(student, courseId));
    }

    [Fact]
    public async Task Completing_a_lesson_updates_the_record_and_the_enrollments_count_and_percentage()
    {
        var (student, courseId, ids) = await Enrolled("complete-one", lessons: 3);

        var response = await PutProgress(student, ids[0], new { status = "completed", notes = "Completed all exercises" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(ids[0], Num(body["id"]));
        Assert.Equal("completed", Str(body["status"]));
        Assert.Equal("Completed all exercises", Str(body["notes"]));
        Assert.NotNull(body["completed_at"]);
        Assert.Equal("Lesson 1", Str(body["lesson_title"]));
        await Contract.Match(response, "completed");

        var enrollment = await MyEnrollment(student, courseId);
        Assert.Equal(1, enrollment["completed_lessons"]!.GetValue<int>());
        Assert.Equal(33.33m, enrollment["progress_percentage"]!.GetValue<decimal>());
        Assert.Equal("active", Str(enrollment["status"]));
        Assert.Null(enrollment["completed_at"]);

        var progress = await ProgressOk(student, courseId);
        Assert.Equal(1, progress["completed_lessons"]!.GetValue<int>());
        Assert.Equal(33.33m, progress["progress_percentage"]!.GetValue<decimal>());
        Assert.Equal(["completed", "not_started", "not_started"], progress["results"]!.AsArray().Select(r => Str(r!["status"])));
    }

    [Fact]
    public async Task Completing_the_same_lesson_twice_counts_it_once()
    {
        var (student, courseId, ids) = await Enrolled("complete-twice", lessons: 2);
        Assert.Equal(HttpStatusCode.OK, (await PutProgress(student, ids[0], new { status = "completed" })).StatusCode);

        var again = await PutProgress(student, ids[0], new { status = "completed" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var enrollment = await MyEnrollment(student, courseId);
        Assert.Equal(1, enrollment["completed_lessons"]!.GetValue<int>());
        Assert.Equal(50m, enrollment["progress_percentage"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task In_progress_does_not_count_as_completed()
    {
        var (student, courseId, ids) = await Enrolled("in-progress", lessons: 2);

        var response = await PutProgress(student, ids[1], new { status = "in_progress" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("in_progress", Str(body["status"]));
        Assert.Null(body["completed_at"]);
        Assert.Equal(0, (await MyEnrollment(student, courseId))["completed_lessons"]!.GetValue<int>());
    }

    [Fact]
    public async Task Completing_every_lesson_completes_the_enrollment_with_completed_at()
    {
        var (student, courseId, ids) = await Enrolled("complete-all", lessons: 2);
        Assert.Equal(HttpStatusCode.OK, (await PutProgress(student, ids[0], new { status = "completed" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PutProgress(student, ids[1], new { status = "completed" })).StatusCode);

        var list = await student.GetAsync("/api/enrollments/");
        var enrollment = Assert.Single((await Json(list))["results"]!.AsArray())!;
        Assert.Equal("completed", Str(enrollment["status"]));
        Assert.Equal(2, enrollment["completed_lessons"]!.GetValue<int>());
        Assert.Equal(100m, enrollment["progress_percentage"]!.GetValue<decimal>());
        Assert.NotNull(enrollment["completed_at"]);
        await Contract.Match(list, "completed-enrollment");

        var progress = await ProgressOk(student, courseId);
        Assert.Equal("completed", Str(progress["status"]));
    }

    [Fact]
    public async Task Moving_a_lesson_back_uncompletes_the_lesson_and_the_enrollment()
    {
        var (student, courseId, ids) = await Enrolled("move-back", lessons: 2);
        foreach (var id in ids) Assert.Equal(HttpStatusCode.OK, (await PutProgress(student, id, new { status = "completed" })).StatusCode);
        Assert.Equal("completed", Str((await MyEnrollment(student, courseId))["status"]));

        var response = await PutProgress(student, ids[1], new { status = "in_progress" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("in_progress", Str(body["status"]));
        Assert.Null(body["completed_at"]);
        var enrollment = await MyEnrollment(student, courseId);
        Assert.Equal("active", Str(enrollment["status"]));
        Assert.Null(enrollment["completed_at"]);
        Assert.Equal(1, enrollment["completed_lessons"]!.GetValue<int>());
        Assert.Equal(50m, enrollment["progress_percentage"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Notes_only_keeps_the_status_and_the_counts()
    {
        var (student, courseId, ids) = await Enrolled("notes-only", lessons: 2);
        Assert.Equal(HttpStatusCode.OK, (await PutProgress(student, ids[0], new { status = "completed" })).StatusCode);

        var response = await PutProgress(student, ids[0], new { notes = "Revisit the ORM part" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("completed", Str(body["status"]));
        Assert.Equal("Revisit the ORM part", Str(body["notes"]));
        Assert.NotNull(body["completed_at"]);
        var progress = await ProgressOk(student, courseId);
        Assert.Equal("Revisit the ORM part", Str(progress["results"]![0]!["notes"]));
        Assert.Equal(1, progress["completed_lessons"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_status_returns_400_naming_the_field_and_changes_nothing()
    {
        var (student, courseId, ids) = await Enrolled("bad-status", lessons: 1);

        var response = await PutProgress(student, ids[0], new { status = "finished", notes = "should not be saved" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.Equal("\"finished\" is not a valid choice.", Str(body["details"]!["status"]![0]));
        await Contract.Match(response, "invalid-status");
        var record = (await ProgressOk(student, courseId))["results"]![0]!;
        Assert.Equal("not_started", Str(record["status"]));
        Assert.Equal("", Str(record["notes"]));
    }

    [Fact]
    public async Task Empty_body_returns_400()
    {
        var (student, _, ids) = await Enrolled("empty-body", lessons: 1);

        var response = await student.PutAsync($"/api/progress/{ids[0]}/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.NotNull(body["details"]!["non_field_errors"]);
        await Contract.Match(response, "empty-body");
    }

    [Fact]
    public async Task Unknown_field_returns_400_naming_it()
    {
        var (student, _, ids) = await Enrolled("unknown-field", lessons: 1);

        var response = await student.PutAsync($"/api/progress/{ids[0]}/", RawJson("{\"status\": \"completed\", \"score\": 10}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.NotNull(body["details"]!["score"]);
    }

    [Fact]
    public async Task Someone_elses_record_returns_404_and_stays_unchanged()
    {
        var (owner, courseId, ids) = await Enrolled("someone-else", lessons: 2);
        var (intruder, _, _) = await NewUser();
        Assert.Equal(HttpStatusCode.Created, (await Enroll(intruder, courseId)).StatusCode);

        var response = await PutProgress(intruder, ids[0], new { status = "completed", notes = "not mine" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await Json(response), "NOT_FOUND");
        await Contract.Match(response, "not-found");
        var progress = await ProgressOk(owner, courseId);
        Assert.Equal("not_started", Str(progress["results"]![0]!["status"]));
        Assert.Equal("", Str(progress["results"]![0]!["notes"]));
        Assert.Equal(0, progress["completed_lessons"]!.GetValue<int>());
        Assert.Equal(0, (await ProgressOk(intruder, courseId))["completed_lessons"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_record_returns_404()
    {
        var (student, _, _) = await NewUser();

        var response = await PutProgress(student, 987654321, new { status = "completed" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await Json(response), "NOT_FOUND");
    }

    [Fact]
    public async Task Update_anonymously_returns_401()
    {
        var response = await Anonymous().PutAsJsonAsync("/api/progress/1/", new { status = "completed" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json(response), "NOT_AUTHENTICATED");
    }
}
