using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Enrollments;

/// <summary>003 <c>POST /api/enrollments/</c>.</summary>
public sealed class EnrollInCourseTests(LmsApiFactory factory) : EnrollmentTest(factory)
{
    [Fact]
    public async Task Enroll_returns_201_with_the_course_summary_active_and_no_progress()
    {
        var courseId = await PublishedCourseWithLessons("django-basics", lessons: 3);
        var (student, studentId, _) = await NewUser();

        var response = await Enroll(student, courseId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(courseId, Num(body["course_id"]));
        Assert.Equal(courseId, Num(body["course"]!["id"]));
        Assert.Equal("Django Basics", Str(body["course"]!["title"]));
        Assert.Equal("django-basics", Str(body["course"]!["slug"]));
        Assert.Equal("published", Str(body["course"]!["status"]));
        Assert.Equal(studentId, Num(body["student"]));
        Assert.Equal("active", Str(body["status"]));
        Assert.Equal(0m, body["progress_percentage"]!.GetValue<decimal>());
        Assert.Equal(0, body["completed_lessons"]!.GetValue<int>());
        Assert.Equal(3, body["total_lessons"]!.GetValue<int>());
        Assert.Null(body["completed_at"]);
        Assert.Equal($"/api/enrollments/{Num(body["id"])}/", response.Headers.Location!.OriginalString);
        await Contract.Match(response, "created");
    }

    [Fact]
    public async Task Enroll_starts_a_not_started_progress_record_for_every_lesson()
    {
        var courseId = await PublishedCourseWithLessons("with-lessons", lessons: 4);
        var (student, _, _) = await NewUser();

        await EnrollOk(student, courseId);

        var progress = await ProgressOk(student, courseId);
        var records = progress["results"]!.AsArray();
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal("not_started", Str(r!["status"])));
    }

    [Fact]
    public async Task Enroll_without_course_id_returns_400_naming_the_field()
    {
        var (student, _, _) = await NewUser();

        var response = await student.PostAsync("/api/enrollments/", RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.Equal("This field is required.", Str(body["details"]!["course_id"]![0]));
        await Contract.Match(response, "missing-course-id");
    }

    [Theory]
    [InlineData("{\"course_id\": \"1\"}")]
    [InlineData("{\"course_id\": 1.5}")]
    [InlineData("{\"course_id\": true}")]
    [InlineData("{\"course_id\": 99999999999999999999999}")]
    public async Task Enroll_with_a_course_id_that_is_not_an_integer_returns_400_naming_the_field(string json)
    {
        var (student, _, _) = await NewUser();

        var response = await student.PostAsync("/api/enrollments/", RawJson(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.Equal("A valid integer is required.", Str(body["details"]!["course_id"]![0]));
    }

    [Fact]
    public async Task Enroll_with_a_string_course_id_has_the_validation_error_shape()
    {
        var (student, _, _) = await NewUser();

        var response = await student.PostAsync("/api/enrollments/", RawJson("{\"course_id\": \"abc\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Contract.Match(response, "string-course-id");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Enroll_with_a_course_id_below_one_returns_400_naming_the_field(long courseId)
    {
        var (student, _, _) = await NewUser();

        var response = await Enroll(student, courseId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.NotNull(body["details"]!["course_id"]);
    }

    [Fact]
    public async Task Enroll_with_an_unknown_field_returns_400_naming_it()
    {
        var courseId = await PublishedCourseWithLessons("extra-field", lessons: 1);
        var (student, _, _) = await NewUser();

        var response = await student.PostAsync("/api/enrollments/", RawJson($"{{\"course_id\": {courseId}, \"student_id\": 7}}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "VALIDATION_ERROR");
        Assert.NotNull(body["details"]!["student_id"]);
        Assert.Equal(0L, (await Json(await student.GetAsync("/api/enrollments/")))["count"]!.GetValue<long>());
        await Contract.Match(response, "unknown-field");
    }

    [Fact]
    public async Task Enroll_with_malformed_json_returns_400_parse_error()
    {
        var (student, _, _) = await NewUser();

        var response = await student.PostAsync("/api/enrollments/", RawJson("{\"course_id\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await Json(response), "PARSE_ERROR");
        await Contract.Match(response, "malformed");
    }

    [Fact]
    public async Task Enroll_in_an_unknown_course_returns_404()
    {
        var (student, _, _) = await NewUser();

        var response = await Enroll(student, 987654321);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await Json(response), "NOT_FOUND");
        await Contract.Match(response, "not-found");
    }

    [Fact]
    public async Task Enroll_in_a_draft_course_returns_404_for_a_student()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var courseId = await NewCourse(teacher, "draft-course", publish: false);
        var (student, _, _) = await NewUser();

        var response = await Enroll(student, courseId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await Json(response), "NOT_FOUND");
        Assert.Equal(0L, (await Json(await student.GetAsync("/api/enrollments/")))["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Instructor_enrolling_in_own_published_course_returns_400()
    {
        var (teacher, _, _) = await NewUser("teacher");
        var courseId = await NewCourse(teacher, "own-course");

        var response = await Enroll(teacher, courseId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await Json(response), "INVALID_ENROLLMENT");
        Assert.Equal(0L, (await Json(await teacher.GetAsync("/api/enrollments/")))["count"]!.GetValue<long>());
        await Contract.Match(response, "own-course");
    }

    [Fact]
    public async Task Teacher_can_enroll_in_another_teachers_published_course()
    {
        var courseId = await PublishedCourseWithLessons("someone-elses", lessons: 1);
        var (otherTeacher, _, _) = await NewUser("teacher");

        var response = await Enroll(otherTeacher, courseId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Enroll_twice_returns_409_in_the_003_envelope()
    {
        var courseId = await PublishedCourseWithLessons("twice", lessons: 2);
        var (student, _, _) = await NewUser();
        await EnrollOk(student, courseId);

        var response = await Enroll(student, courseId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Json(response);
        AssertError(body, "CONFLICT");
        Assert.Equal("You are already enrolled in this course.", Str(body["message"]));
        Assert.Equal(1L, (await Json(await student.GetAsync("/api/enrollments/")))["count"]!.GetValue<long>());
        Assert.Equal(2, (await ProgressOk(student, courseId))["results"]!.AsArray().Count);
        await Contract.Match(response, "conflict");
    }

    [Fact]
    public async Task Enroll_anonymously_returns_401()
    {
        var courseId = await PublishedCourseWithLessons("anonymous", lessons: 1);

        var response = await Anonymous().PostAsJsonAsync("/api/enrollments/", new { course_id = courseId });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json(response), "NOT_AUTHENTICATED");
        await Contract.Match(response, "anonymous");
    }
}
