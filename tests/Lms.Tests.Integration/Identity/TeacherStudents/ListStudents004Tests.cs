using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.TeacherStudents;

/// <summary>004 1.18 <c>GET /api/teacher/get_students/</c>: page of 5, search, is_active, ordering, the nested shape.</summary>
public sealed class ListStudents004Tests(LmsApiFactory factory) : TeacherStudentsTest(factory)
{
    [Fact]
    public async Task The_list_has_the_documented_envelope_and_nested_student_shape()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher, "Grace", "Hopper");

        var response = await teacherClient.GetAsync("/api/teacher/get_students/");

        var page = await Ok(response);
        Assert.Equal(["count", "next", "previous", "results"], page.AsObject().Select(p => p.Key));
        var row = Assert.Single(page["results"]!.AsArray())!;
        Assert.Equal(
            ["id", "student", "enrollment_date", "notes", "is_active", "completed_lessons", "last_activity", "number_of_completed_courses"],
            row.AsObject().Select(p => p.Key));
        var s = row["student"]!;
        Assert.Equal(
            ["id", "user", "full_name", "bio", "profile_picture", "date_of_birth", "address", "country", "city", "gender"],
            s.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["id", "first_name", "last_name", "email", "username", "phone", "avatar", "user_type", "is_active", "created_at", "last_login"],
            s["user"]!.AsObject().Select(p => p.Key));
        Assert.Equal(student.Key, Guid.Parse(Str(s["id"])));
        Assert.Equal(student.Key, Guid.Parse(Str(s["user"]!["id"])));
        Assert.NotEqual(student.Key, Guid.Parse(Str(row["id"]))); // the relationship's own id
        Assert.Equal("Grace Hopper", Str(s["full_name"]));
        Assert.Equal("student", Str(s["user"]!["user_type"]));
        Assert.True(row["is_active"]!.GetValue<bool>());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Str(row["enrollment_date"]));
        Assert.True(DateTimeOffset.TryParse(Str(row["last_activity"]), System.Globalization.CultureInfo.InvariantCulture, out _));
        await Snap(response, "one-student");
    }

    [Fact]
    public async Task Seven_students_page_by_five_with_next_and_previous_links_and_a_page_past_the_end_is_404()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var names = new[] { "Alan", "Barbara", "Claude", "Dennis", "Edsger", "Frances", "Grace" };
        foreach (var name in names) await JoinedStudent(teacher, name, "Pioneer");

        var first = await Students(teacherClient, "?search=pioneer");
        var second = await Students(teacherClient, "?search=pioneer&page=2");
        var past = await teacherClient.GetAsync("/api/teacher/get_students/?page=3");

        Assert.Equal(7, first["count"]!.GetValue<int>());
        Assert.Equal(5, first["results"]!.AsArray().Count);
        Assert.Equal("http://localhost/api/teacher/get_students/?search=pioneer&page=2", StrOrNull(first["next"]));
        Assert.Null(first["previous"]);
        Assert.Equal(2, second["results"]!.AsArray().Count);
        Assert.Null(second["next"]);
        Assert.Equal("http://localhost/api/teacher/get_students/?search=pioneer&page=1", StrOrNull(second["previous"]));
        Assert.Equal(names, FirstNames(first).Concat(FirstNames(second)));
        await Error004(past, HttpStatusCode.NotFound, "Not found", "Invalid page.");
        await Snap(past, "page-past-end");
    }

    private static IEnumerable<string> FirstNames(JsonNode page) =>
        page["results"]!.AsArray().Select(r => Str(r!["student"]!["user"]!["first_name"]));

    [Fact]
    public async Task An_empty_list_is_one_empty_page()
    {
        var (teacherClient, _, _) = await NewTeacher();

        var response = await teacherClient.GetAsync("/api/teacher/get_students/?page=1");

        var page = await Ok(response);
        Assert.Equal(0, page["count"]!.GetValue<int>());
        Assert.Empty(page["results"]!.AsArray());
        await Snap(response, "empty");
    }

    [Fact]
    public async Task Search_matches_username_email_and_full_name_case_insensitively()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var ada = await JoinedStudent(teacher, "Ada", "Lovelace");
        var alan = await JoinedStudent(teacher, "Alan", "Turing");

        Assert.Equal([ada.Username], Usernames(await Students(teacherClient, "?search=LOVE")));
        Assert.Equal([ada.Username], Usernames(await Students(teacherClient, "?search=ada%20lovelace")));
        Assert.Equal([alan.Username], Usernames(await Students(teacherClient, $"?search={alan.Username.ToUpperInvariant()}")));
        Assert.Equal([ada.Username], Usernames(await Students(teacherClient, $"?search={ada.Username}@EXAMPLE")));
        Assert.Equal(2, (await Students(teacherClient, "?search=example.com"))["count"]!.GetValue<int>());
        Assert.Empty((await Students(teacherClient, "?search=nobody"))["results"]!.AsArray());
    }

    [Fact]
    public async Task Search_treats_like_wildcards_as_plain_characters()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        await JoinedStudent(teacher, "Ada", "Lovelace");

        Assert.Empty((await Students(teacherClient, "?search=%25"))["results"]!.AsArray());
        Assert.Empty((await Students(teacherClient, "?search=_"))["results"]!.AsArray());
        Assert.Empty((await Students(teacherClient, "?search=A%25e"))["results"]!.AsArray());
    }

    [Fact]
    public async Task Is_active_filters_blocked_students()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var active = await JoinedStudent(teacher, "Active", "One");
        var blocked = await JoinedStudent(teacher, "Blocked", "One");
        await Ok(await teacherClient.PostAsync($"/api/teacher/students/toggle-block/{blocked.Key}/", null));

        var onlyActive = await Students(teacherClient, "?is_active=true");
        var onlyBlocked = await Students(teacherClient, "?is_active=False");
        var all = await Students(teacherClient, "?is_active=");

        Assert.Equal([active.Username], Usernames(onlyActive));
        Assert.Equal([blocked.Username], Usernames(onlyBlocked));
        Assert.False(onlyBlocked["results"]![0]!["is_active"]!.GetValue<bool>());
        Assert.Equal(2, all["count"]!.GetValue<int>());
        Assert.Equal([active.Username], Usernames(await Students(teacherClient, "?is_active=1&ordering=-student__full_name")));
    }

    [Fact]
    public async Task Every_ordering_sorts_as_documented_and_the_default_is_by_full_name()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        // Joined in this order: Charlie, alice, Bob (mixed case: the name order ignores case).
        var charlie = await JoinedStudent(teacher, "Charlie", "C");
        var alice = await JoinedStudent(teacher, "alice", "A");
        var bob = await JoinedStudent(teacher, "Bob", "B");

        Assert.Equal([alice.Username, bob.Username, charlie.Username], Usernames(await Students(teacherClient)));
        Assert.Equal([alice.Username, bob.Username, charlie.Username], Usernames(await Students(teacherClient, "?ordering=student__full_name")));
        Assert.Equal([charlie.Username, bob.Username, alice.Username], Usernames(await Students(teacherClient, "?ordering=-student__full_name")));
        Assert.Equal([charlie.Username, alice.Username, bob.Username], Usernames(await Students(teacherClient, "?ordering=enrollment_date")));
        Assert.Equal([bob.Username, alice.Username, charlie.Username], Usernames(await Students(teacherClient, "?ordering=-enrollment_date")));
    }

    [Fact]
    public async Task An_invalid_ordering_returns_400_naming_the_choices()
    {
        var (teacherClient, _, _) = await NewTeacher();

        var response = await teacherClient.GetAsync("/api/teacher/get_students/?ordering=password");

        await FieldErrors(response, "ordering", "Select a valid choice. password is not one of the available choices: " +
                                                "student__full_name, -student__full_name, enrollment_date, -enrollment_date.");
        await Snap(response, "invalid-ordering");
    }

    [Fact]
    public async Task An_invalid_is_active_or_page_returns_400()
    {
        var (teacherClient, _, _) = await NewTeacher();

        var isActive = await teacherClient.GetAsync("/api/teacher/get_students/?is_active=maybe");
        var page = await teacherClient.GetAsync("/api/teacher/get_students/?page=abc");
        var zero = await teacherClient.GetAsync("/api/teacher/get_students/?page=0");

        await FieldErrors(isActive, "is_active", "Must be a valid boolean.");
        await FieldErrors(page, "page", "A valid positive integer is required.");
        await FieldErrors(zero, "page", "A valid positive integer is required.");
        await Snap(isActive, "invalid-is-active");
    }

    [Fact]
    public async Task Hostile_query_values_return_400_or_an_empty_page_never_500()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        await JoinedStudent(teacher);

        var longSearch = await teacherClient.GetAsync($"/api/teacher/get_students/?search={new string('x', 201)}");
        var sqlOrdering = await teacherClient.GetAsync("/api/teacher/get_students/?ordering=student__full_name;drop%20table%20x");
        var longOrdering = await teacherClient.GetAsync($"/api/teacher/get_students/?ordering={new string('o', 5000)}");
        var hugePage = await teacherClient.GetAsync("/api/teacher/get_students/?page=99999999999999999999");
        var sqlSearch = await teacherClient.GetAsync("/api/teacher/get_students/?search=%27%20or%201%3D1%20--");
        var nulChar = await teacherClient.GetAsync("/api/teacher/get_students/?search=%00");

        await FieldErrors(longSearch, "search", "Ensure this field has no more than 200 characters.");
        Assert.Equal(HttpStatusCode.BadRequest, sqlOrdering.StatusCode);
        await FieldErrors(longOrdering, "ordering", "Ensure this field has no more than 100 characters.");
        Assert.Equal(HttpStatusCode.BadRequest, hugePage.StatusCode);
        Assert.Empty((await Ok(sqlSearch))["results"]!.AsArray());
        await Error004(nulChar, HttpStatusCode.BadRequest, "Null characters are not allowed.");
    }

    [Fact]
    public async Task A_teacher_sees_only_their_own_students()
    {
        var (firstClient, _, first) = await NewTeacher();
        var (secondClient, _, second) = await NewTeacher();
        var mine = await JoinedStudent(first, "Mine", "Student");
        var theirs = await JoinedStudent(second, "Theirs", "Student");

        Assert.Equal([mine.Username], Usernames(await Students(firstClient)));
        Assert.Equal([theirs.Username], Usernames(await Students(secondClient)));
        Assert.Empty((await Students(firstClient, $"?search={theirs.Username}"))["results"]!.AsArray());
    }

    [Fact]
    public async Task A_student_gets_the_documented_403_and_anonymous_401()
    {
        var (student, _, _) = await NewUser();

        var forbidden = await student.GetAsync("/api/teacher/get_students/");
        var anonymous = await Anonymous().GetAsync("/api/teacher/get_students/");

        await Error004(forbidden, HttpStatusCode.Forbidden, "Permission denied", "You do not have permission to perform this action.");
        await Error004(anonymous, HttpStatusCode.Unauthorized, "Authentication required",
            "You must be authenticated to perform this action.");
        await Snap(forbidden, "student");
        await Snap(anonymous, "anonymous");
    }

    [Fact]
    public async Task A_garbage_token_returns_401_invalid_token()
    {
        var response = await As("not.a.jwt").GetAsync("/api/teacher/get_students/");

        await Error004(response, HttpStatusCode.Unauthorized, "Invalid token", "The provided token is invalid or expired.");
        await Snap(response, "garbage-token");
    }

    [Fact]
    public async Task The_list_answers_at_the_api_v1_prefix_with_v1_links()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        for (var i = 0; i < 6; i++) await JoinedStudent(teacher, $"S{i}", "Student");

        var page = await Ok(await teacherClient.GetAsync("/api/v1/teacher/get_students"));

        Assert.Equal(6, page["count"]!.GetValue<int>());
        Assert.Equal("http://localhost/api/v1/teacher/get_students?page=2", StrOrNull(page["next"]));
    }

    [Fact]
    public async Task Completed_lessons_and_courses_count_only_in_the_teachers_own_courses()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher, "Diligent", "Student");
        var mine = await NewCourse(teacherClient, "teachers-course");
        await AddLessons(mine, ["One", "Two"]);
        var other = await PublishedCourseWithLessons("someone-elses-course", lessons: 1);
        foreach (var course in new[] { mine, other })
        {
            await EnrollOk(student.Client, course);
            foreach (var id in await ProgressIds(student.Client, course))
                Assert.Equal(HttpStatusCode.OK, (await PutProgress(student.Client, id, new { status = "completed" })).StatusCode);
        }
        var idle = await JoinedStudent(teacher, "Idle", "Student");

        var rows = (await Students(teacherClient))["results"]!.AsArray();

        var diligent = rows.Single(r => Str(r!["student"]!["user"]!["username"]) == student.Username)!;
        Assert.Equal(2, diligent["completed_lessons"]!.GetValue<int>());
        Assert.Equal(1, diligent["number_of_completed_courses"]!.GetValue<int>());
        var lazy = rows.Single(r => Str(r!["student"]!["user"]!["username"]) == idle.Username)!;
        Assert.Equal(0, lazy["completed_lessons"]!.GetValue<int>());
        Assert.Equal(0, lazy["number_of_completed_courses"]!.GetValue<int>());
    }

    [Fact]
    public async Task Last_activity_is_the_students_last_login_once_they_have_signed_in()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);
        var joined = DateTimeOffset.Parse(Str((await Students(teacherClient))["results"]![0]!["last_activity"]),
            System.Globalization.CultureInfo.InvariantCulture);
        Factory.Clock.Advance(TimeSpan.FromHours(3));

        await Login(student.Username, "Sturdy-Pass-2026");

        var after = DateTimeOffset.Parse(Str((await Students(teacherClient))["results"]![0]!["last_activity"]),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(after > joined.AddHours(2), $"{joined:O} -> {after:O}");
    }

    [Fact]
    public async Task Profile_fields_come_from_the_students_account()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher, "Pic", "Student");
        await Ok(await student.Client.PatchAsync("/api/student/update-profile/", Uploads.Form(null, ("avatar", "me.png", Uploads.Png))));

        var row = (await Students(teacherClient))["results"]![0]!;

        var url = Str(row["student"]!["profile_picture"]);
        Assert.Equal(url, Str(row["student"]!["user"]!["avatar"]));
        Assert.StartsWith("http://localhost/media/", url, StringComparison.Ordinal);
        Assert.Null(row["student"]!["bio"]);
        Assert.Null(row["notes"]);
        _ = await student.Client.PutAsJsonAsync("/api/users/profile/", new { bio = "Likes maths" });
        Assert.Equal("Likes maths", Str((await Students(teacherClient))["results"]![0]!["student"]!["bio"]));
    }
}
