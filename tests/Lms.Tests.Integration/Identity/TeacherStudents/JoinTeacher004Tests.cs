using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.TeacherStudents;

/// <summary>004 1.17 <c>POST /api/join-teacher/{teacher_username}/</c>.</summary>
public sealed class JoinTeacher004Tests(LmsApiFactory factory) : TeacherStudentsTest(factory)
{
    [Fact]
    public async Task A_student_joins_a_teacher_with_201_and_appears_in_the_teachers_list()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var (student, _, username) = await NewUser();

        var response = await Join(student, teacher);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Successfully joined teacher", Str((await Json(response))["message"]));
        await Snap(response, "joined");
        Assert.Equal([username], Usernames(await Students(teacherClient)));
        await Ok(await student.GetAsync($"/api/student/student-profile/{teacher}/"));
    }

    [Fact]
    public async Task Joining_twice_returns_200_with_the_original_backends_info_and_keeps_one_link()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var (student, _, _) = await NewUser();
        await JoinOk(student, teacher);

        var response = await Join(student, teacher.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Student is already associated with this teacher.", Str((await Json(response))["info"]));
        await Snap(response, "twice");
        Assert.Equal(1, (await Students(teacherClient))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Joining_an_unknown_teacher_or_a_student_returns_404()
    {
        var (student, _, _) = await NewUser();
        var (_, _, otherStudent) = await NewUser();

        var unknown = await Join(student, "no-such-teacher");
        var notATeacher = await Join(student, otherStudent);

        await Error004(unknown, HttpStatusCode.NotFound, "Teacher not found", "Teacher with this username does not exist.");
        await Error004(notATeacher, HttpStatusCode.NotFound, "Teacher not found");
        await Snap(unknown, "unknown");
    }

    [Fact]
    public async Task A_teacher_cannot_join_and_anonymous_gets_401()
    {
        var (_, _, teacher) = await NewTeacher();
        var (otherTeacher, _, _) = await NewTeacher();

        var forbidden = await Join(otherTeacher, teacher);
        var anonymous = await Join(Anonymous(), teacher);

        await Error004(forbidden, HttpStatusCode.Forbidden, "Wrong user type", "This action is only available for teachers/students.");
        await Error004(anonymous, HttpStatusCode.Unauthorized, "Authentication required", "You must be authenticated to perform this action.");
        await Snap(anonymous, "anonymous");
    }

    [Fact]
    public async Task Join_answers_at_the_api_v1_prefix_too()
    {
        var (teacherClient, _, teacher) = await NewTeacher();
        var (student, _, _) = await NewUser();

        var response = await student.PostAsync($"/api/v1/join-teacher/{teacher}", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await Students(teacherClient))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_student_may_join_several_teachers()
    {
        var (firstClient, _, first) = await NewTeacher();
        var (secondClient, _, second) = await NewTeacher();
        var (student, _, username) = await NewUser();

        await JoinOk(student, first);
        await JoinOk(student, second);

        Assert.Equal([username], Usernames(await Students(firstClient)));
        Assert.Equal([username], Usernames(await Students(secondClient)));
    }

    [Fact]
    public async Task Two_simultaneous_joins_leave_one_link_and_the_loser_gets_400_already_joined_or_the_200_info()
    {
        const int rounds = 5;
        var (student, _, _) = await NewUser();
        for (var round = 1; round <= rounds; round++)
        {
            var (teacherClient, _, teacher) = await NewTeacher();

            var responses = await Task.WhenAll(Join(student, teacher), Join(student, teacher));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            var bodies = await Task.WhenAll(responses.Select(Json));
            var detail = $"round {round}: {string.Join(", ", statuses.Select(s => (int)s))}: {string.Join(" | ", bodies.Select(b => b.ToJsonString()))}";
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 1, detail);
            var loser = Array.FindIndex(responses, r => r.StatusCode != HttpStatusCode.Created);
            // The loser either lost the race on the unique pair index (400) or saw the winner's committed link (200 info).
            if (statuses[loser] == HttpStatusCode.BadRequest) Assert.Equal("Already joined", Str(bodies[loser]["error"]));
            else
            {
                Assert.True(statuses[loser] == HttpStatusCode.OK, detail);
                Assert.Equal("Student is already associated with this teacher.", Str(bodies[loser]["info"]));
            }
            Assert.Equal(1, (await Students(teacherClient))["count"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_huge_or_odd_teacher_username_returns_404_not_500()
    {
        var (student, _, _) = await NewUser();

        foreach (var name in new[] { new string('a', 5000), "%27%3B%20drop%20table", "%E2%98%83", "a%25b" })
        {
            var response = await student.PostAsync($"/api/join-teacher/{name}/", null);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{name[..Math.Min(20, name.Length)]}: {(int)response.StatusCode}");
        }
    }
}
