using System.Net;
using System.Net.Http.Json;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// Finding 3 (medium): lists showed students other users' e-mails and phones. Students see another user's contact
/// details only where the document's example shows a student that they do (README, Security: what lists expose).
/// </summary>
public sealed partial class SecurityTests
{
    /// <summary>Registers through 000 and signs in through 000; returns the client.</summary>
    private async Task<HttpClient> Register000(string username, string userType, string phone)
    {
        var register = await Anonymous().PostAsJsonAsync("/api/auth/register/", new
        {
            username, email = $"{username}@example.com", password = StrongPassword, password_confirm = StrongPassword,
            first_name = "Pat", last_name = userType, user_type = userType, phone,
        });
        Assert.True(register.StatusCode == HttpStatusCode.Created, $"{(int)register.StatusCode} {await register.Content.ReadAsStringAsync()}");
        var login = await Anonymous().PostAsJsonAsync("/api/auth/login/", new { username, password = StrongPassword });
        return As((await Json(login))["access"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_student_lists_000s_tutors_without_their_email_or_phone()
    {
        await Register000("tutor.one", "tutor", "+44 20 7946 0001");
        var student = await Register000("pupil.one", "student", "+44 20 7946 0002");

        var response = await student.GetAsync("/api/auth/users/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tutor = Assert.Single((await Json(response)).AsArray());
        Assert.Equal("tutor.one", tutor!["username"]!.GetValue<string>());
        Assert.Null(tutor["email"]);
        Assert.Null(tutor["phone"]);
        Assert.DoesNotContain("7946", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tutor_lists_000s_students_with_their_contact_details()
    {
        var tutor = await Register000("tutor.two", "tutor", "+44 20 7946 0003");
        await Register000("pupil.two", "student", "+44 20 7946 0004");

        var rows = (await Json(await tutor.GetAsync("/api/auth/users/?user_type=student"))).AsArray();

        var pupil = Assert.Single(rows);
        Assert.Equal("pupil.two@example.com", pupil!["email"]!.GetValue<string>());
        Assert.Equal("+44 20 7946 0004", pupil["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_student_sees_002s_other_students_without_contact_details_and_cannot_list_profiles()
    {
        var (student, _) = await RegisterThrough003("pupil.three", "pupil.three@example.com");
        await RegisterThrough003("pupil.four", "pupil.four@example.com");

        var students = await student.GetAsync("/api/users/students/all/");
        var profiles = await student.GetAsync("/api/users/profiles/all/");

        Assert.Equal(HttpStatusCode.OK, students.StatusCode);
        var results = (await Json(students))["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Null(r!["email"]));
        Assert.DoesNotContain("@example.com", await students.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, profiles.StatusCode);
    }

    [Fact]
    public async Task A_student_sees_002s_teachers_work_email_as_the_document_shows_and_nothing_else_of_theirs()
    {
        var teacher = await Anonymous().PostAsJsonAsync("/api/users/register/",
            new { username = "prof.five", email = "prof.five@example.com", password = StrongPassword, role = "teacher" });
        Assert.Equal(HttpStatusCode.Created, teacher.StatusCode);
        var (student, _) = await RegisterThrough003("pupil.five", "pupil.five@example.com");

        var row = Assert.Single((await Json(await student.GetAsync("/api/users/teachers/all/")))["results"]!.AsArray())!.AsObject();

        // 002's example for this all-roles route: id, email, full_name, specialization; no phone, no account fields.
        Assert.Equal(["id", "email", "full_name", "specialization"], row.Select(p => p.Key));
        Assert.Equal("prof.five@example.com", row["email"]!.GetValue<string>());
    }
}
