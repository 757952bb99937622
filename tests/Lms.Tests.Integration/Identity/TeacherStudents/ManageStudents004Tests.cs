using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.TeacherStudents;

/// <summary>004 1.19 (a student's profile), 1.20 (remove) and 1.21 (toggle block), by the student's uuid.</summary>
public sealed class ManageStudents004Tests(LmsApiFactory factory) : TeacherStudentsTest(factory)
{
    [Fact]
    public async Task A_teacher_gets_one_of_their_students_by_uuid()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher, "Grace", "Hopper");

        var response = await teacherClient.GetAsync($"/api/teacher/get-student-profile/{student.Key}/");

        var body = await Ok(response);
        Assert.Equal(
            ["id", "username", "first_name", "last_name", "email", "phone", "parent_phone", "avatar", "grade_level", "school_name", "is_blocked"],
            body.AsObject().Select(p => p.Key));
        Assert.Equal(student.Key, Guid.Parse(Str(body["id"])));
        Assert.False(body["is_blocked"]!.GetValue<bool>());
        await Snap(response, "ok");
    }

    [Fact]
    public async Task Another_teachers_student_and_unknown_ids_return_404_student_not_found()
    {
        var (teacherClient, _, _) = await NewTeacher();
        var (_, _, other) = await NewTeacher();
        var theirs = await JoinedStudent(other);

        var hidden = await teacherClient.GetAsync($"/api/teacher/get-student-profile/{theirs.Key}/");
        var unknown = await teacherClient.GetAsync($"/api/teacher/get-student-profile/{Guid.NewGuid()}/");
        var notAUuid = await teacherClient.GetAsync("/api/teacher/get-student-profile/42/");

        var hiddenBody = await Error004(hidden, HttpStatusCode.NotFound, "Student not found");
        var unknownBody = await Error004(unknown, HttpStatusCode.NotFound, "Student not found");
        Assert.Equal(unknownBody.ToJsonString(), hiddenBody.ToJsonString()); // nothing tells them apart
        Assert.Equal(HttpStatusCode.NotFound, notAUuid.StatusCode);
        Assert.True((await Json(notAUuid)).AsObject().ContainsKey("error"));
        await Snap(hidden, "other-teachers-student");
    }

    [Fact]
    public async Task Students_and_anonymous_callers_are_refused_on_every_management_route()
    {
        var (_, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, $"/api/teacher/get-student-profile/{student.Key}/"),
                     (HttpMethod.Delete, $"/api/teacher/students/remove/{student.Key}/"),
                     (HttpMethod.Post, $"/api/teacher/students/toggle-block/{student.Key}/"),
                 })
        {
            await Error004(await student.Client.SendAsync(new HttpRequestMessage(method, path)), HttpStatusCode.Forbidden, "Wrong user type");
            await Error004(await Anonymous().SendAsync(new HttpRequestMessage(method, path)), HttpStatusCode.Unauthorized,
                "Authentication required");
        }
    }

    [Fact]
    public async Task Removing_a_student_ends_the_link_but_keeps_the_account_and_they_may_join_again()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);

        var response = await teacherClient.DeleteAsync($"/api/teacher/students/remove/{student.Key}/");

        Assert.Equal("Student removed successfully", Str((await Ok(response))["message"]));
        await Snap(response, "removed");
        Assert.Empty((await Students(teacherClient))["results"]!.AsArray());
        await Error004(await teacherClient.GetAsync($"/api/teacher/get-student-profile/{student.Key}/"), HttpStatusCode.NotFound,
            "Student not found");
        await Error004(await student.Client.GetAsync($"/api/student/student-profile/{teacher}/"), HttpStatusCode.NotFound, "Not joined");
        await Login(student.Username, "Sturdy-Pass-2026"); // the account stays
        await JoinOk(student.Client, teacher);
        Assert.Single((await Students(teacherClient))["results"]!.AsArray());
    }

    [Fact]
    public async Task Removing_someone_who_is_not_your_student_returns_404_and_keeps_their_link()
    {
        var (teacherClient, _, _) = await NewTeacher();
        var (otherClient, _, other) = await NewTeacher();
        var theirs = await JoinedStudent(other);

        var response = await teacherClient.DeleteAsync($"/api/v1/teacher/students/remove/{theirs.Key}/");

        await Error004(response, HttpStatusCode.NotFound, "Student not found");
        await Snap(response, "not-linked");
        Assert.Single((await Students(otherClient))["results"]!.AsArray());
    }

    [Fact]
    public async Task Toggle_blocks_then_unblocks_and_the_profile_and_list_follow()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);

        var block = await teacherClient.PostAsync($"/api/teacher/students/toggle-block/{student.Key}/", null);

        var blocked = await Ok(block);
        Assert.Equal("Student blocked/unblocked successfully", Str(blocked["message"]));
        Assert.True(blocked["is_blocked"]!.GetValue<bool>());
        await Snap(block, "blocked");
        Assert.True((await Ok(await teacherClient.GetAsync($"/api/teacher/get-student-profile/{student.Key}/")))["is_blocked"]!.GetValue<bool>());
        Assert.False((await Students(teacherClient))["results"]![0]!["is_active"]!.GetValue<bool>());

        var unblock = await Ok(await teacherClient.PostAsync($"/api/v1/teacher/students/toggle-block/{student.Key}", null));

        Assert.False(unblock["is_blocked"]!.GetValue<bool>());
        Assert.True((await Students(teacherClient))["results"]![0]!["is_active"]!.GetValue<bool>());
        await Ok(await student.Client.GetAsync($"/api/student/student-profile/{teacher}/"));
    }

    [Fact]
    public async Task Blocking_by_one_teacher_does_not_block_the_student_with_another()
    {
        var (firstClient, _, first) = await NewTeacher();
        var (_, _, second) = await NewTeacher();
        var student = await JoinedStudent(first);
        await JoinOk(student.Client, second);

        await Ok(await firstClient.PostAsync($"/api/teacher/students/toggle-block/{student.Key}/", null));

        await Error004(await student.Client.GetAsync($"/api/student/student-profile/{first}/"), HttpStatusCode.Forbidden, "Account blocked");
        await Ok(await student.Client.GetAsync($"/api/student/student-profile/{second}/"));
    }

    [Fact]
    public async Task Toggling_someone_who_is_not_your_student_returns_404()
    {
        var (teacherClient, _, _) = await NewTeacher();
        var (_, _, other) = await NewTeacher();
        var theirs = await JoinedStudent(other);

        var response = await teacherClient.PostAsync($"/api/teacher/students/toggle-block/{theirs.Key}/", null);

        await Error004(response, HttpStatusCode.NotFound, "Student not found");
        await Ok(await theirs.Client.GetAsync($"/api/student/student-profile/{other}/")); // not blocked
    }

    [Fact]
    public async Task Simultaneous_toggles_never_lose_a_flip_and_the_losers_get_409()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var student = await JoinedStudent(teacher);
        var expected = false;
        for (var round = 1; round <= 5; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 3)
                .Select(_ => teacherClient.PostAsync($"/api/teacher/students/toggle-block/{student.Key}/", null)));

            var bodies = await Task.WhenAll(responses.Select(Json));
            foreach (var (response, body) in responses.Zip(bodies))
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"round {round}: {(int)response.StatusCode} {body}");
                if (response.StatusCode == HttpStatusCode.Conflict)
                    Assert.False(string.IsNullOrEmpty(Str(body["error"])));
            }
            var flips = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
            Assert.True(flips >= 1, $"round {round}: nobody won");
            if (flips % 2 == 1) expected = !expected;
            var profile = await Ok(await teacherClient.GetAsync($"/api/teacher/get-student-profile/{student.Key}/"));
            Assert.Equal(expected, profile["is_blocked"]!.GetValue<bool>());
        }
    }
}
