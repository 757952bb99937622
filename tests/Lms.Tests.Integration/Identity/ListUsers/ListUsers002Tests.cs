using System.Net;
using System.Net.Http.Json;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity.ListUsers;

/// <summary>002's user lists: <c>profiles/all</c>, <c>students/all</c>, <c>teachers/all</c>: who sees what, paging, search, filters.</summary>
public sealed class ListUsers002Tests(LmsApiFactory factory) : Accounts002Test(factory)
{
    private const string Profiles = "/api/users/profiles/all/";
    private const string Students = "/api/users/students/all/";
    private const string Teachers = "/api/users/teachers/all/";

    [Fact]
    public async Task Admin_lists_every_account_with_the_documented_fields_oldest_first()
    {
        var (_, studentId, _) = await NewStudent002();
        var (_, teacherId, _) = await NewUser("teacher");
        var admin = await AsAdmin();

        var response = await admin.GetAsync(Profiles);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(["count", "next", "previous", "results"], Keys(body));
        Assert.Equal(3, body["count"]!.GetValue<long>());
        var results = body["results"]!.AsArray();
        Assert.Equal(["email", "full_name", "id", "role"], Keys(results[0]));
        Assert.Equal(["admin", "student", "teacher"], results.Select(r => r!["role"]!.GetValue<string>()).ToArray());
        Assert.Equal(studentId, results[1]!["id"]!.GetValue<long>());
        Assert.Equal(teacherId, results[2]!["id"]!.GetValue<long>());
        Assert.Equal("John Doe", results[1]!["full_name"]!.GetValue<string>());
        await Contract.Match(response, "admin");
    }

    [Fact]
    public async Task Teacher_lists_students_and_teachers_but_no_admin()
    {
        await NewStudent002();
        var (teacher, _, _) = await NewUser("teacher");

        var body = await Json(await teacher.GetAsync(Profiles));

        Assert.Equal(2, body["count"]!.GetValue<long>());
        Assert.Equal(["student", "teacher"], body["results"]!.AsArray().Select(r => r!["role"]!.GetValue<string>()).ToArray());
        var admins = await Json(await teacher.GetAsync(Profiles + "?role=admin"));
        Assert.Equal(0, admins["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Student_gets_the_documented_403_for_all_profiles()
    {
        var (student, _, _) = await NewStudent002();

        var response = await student.GetAsync(Profiles);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await Json(response);
        AssertDrfOnly(body, "detail");
        Assert.Equal("You do not have permission to perform this action.", body["detail"]!.GetValue<string>());
        await Contract.Match(response, "student-forbidden");
    }

    [Theory]
    [InlineData(Profiles)]
    [InlineData(Students)]
    [InlineData(Teachers)]
    public async Task Lists_without_a_token_return_the_documented_401(string path)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertDrfOnly(await Json(response), "detail");
    }

    [Fact]
    public async Task Pages_link_to_each_other_and_keep_the_filters()
    {
        for (var i = 0; i < 5; i++) await NewStudent002(grade: "Grade 10");
        await NewStudent002(grade: "Grade 9");
        var admin = await AsAdmin();

        var first = await admin.GetAsync(Profiles + "?page_size=2&grade=grade%2010");
        var firstBody = await Json(first);
        Assert.Equal(5, firstBody["count"]!.GetValue<long>());
        Assert.Null(firstBody["previous"]);
        var next = new Uri(firstBody["next"]!.GetValue<string>());
        Assert.Equal(Profiles, next.AbsolutePath);
        Assert.Contains("page=2", next.Query, StringComparison.Ordinal);
        Assert.Contains("page_size=2", next.Query, StringComparison.Ordinal);
        Assert.Contains("grade=grade%2010", next.Query, StringComparison.Ordinal);
        await Contract.Match(first, "page-one");

        var second = await Json(await admin.GetAsync(next));
        var third = await Json(await admin.GetAsync(second["next"]!.GetValue<string>()));
        Assert.NotNull(second["previous"]);
        Assert.Null(third["next"]);
        Assert.Contains("page=2", third["previous"]!.GetValue<string>(), StringComparison.Ordinal);
        var ids = new[] { firstBody, second, third }.SelectMany(p => p["results"]!.AsArray()).Select(r => r!["id"]!.GetValue<long>()).ToArray();
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(ids.Order().ToArray(), ids);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_keeps_the_count_and_links_back_to_the_last_page()
    {
        await NewStudent002();
        await NewStudent002();
        var admin = await AsAdmin();

        var response = await admin.GetAsync(Profiles + "?page=9&page_size=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(3, body["count"]!.GetValue<long>());
        Assert.Empty(body["results"]!.AsArray());
        Assert.Null(body["next"]);
        Assert.Contains("page=2", body["previous"]!.GetValue<string>(), StringComparison.Ordinal);
        await Contract.Match(response, "past-the-end");
    }

    [Fact]
    public async Task Page_size_defaults_to_20_and_is_capped_at_100()
    {
        await AddStudents(105);
        var admin = await AsAdmin();

        var byDefault = await Json(await admin.GetAsync(Profiles));
        var huge = await Json(await admin.GetAsync(Profiles + "?page_size=1000"));
        var students = await Json(await admin.GetAsync(Students + "?page_size=1000"));

        Assert.Equal(106, byDefault["count"]!.GetValue<long>());
        Assert.Equal(20, byDefault["results"]!.AsArray().Count);
        Assert.Equal(100, huge["results"]!.AsArray().Count);
        Assert.NotNull(huge["next"]);
        Assert.Equal(100, students["results"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=1e3", "page_size")]
    [InlineData("role=superuser", "role")]
    public async Task Bad_paging_or_filters_return_400_naming_the_parameter(string query, string field)
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Profiles}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertDrfOnly(await Json(response), field);
    }

    [Fact]
    public async Task An_unknown_role_filter_returns_the_drf_choice_message()
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync(Profiles + "?role=superuser");

        Assert.Equal(["Select a valid choice. superuser is not one of the available choices."], Messages(await Json(response), "role"));
        await Contract.Match(response, "bad-role");
    }

    [Fact]
    public async Task Search_matches_every_word_in_email_username_or_name_ignoring_case()
    {
        await Register002(Registration("john.doe@example.com", "John Doe"));
        await Register002(Registration("jane@example.com", "Jane Doe"));
        await Register002(Registration("johnny@school.example", "Johnny Walker"));
        var admin = await AsAdmin();

        Assert.Equal(["John Doe"], await Names(admin, Profiles + "?search=JOHN%20doe"));
        Assert.Equal(["John Doe", "Jane Doe"], await Names(admin, Profiles + "?search=doe"));
        Assert.Equal(["Johnny Walker"], await Names(admin, Profiles + "?search=school.EXAMPLE"));
        Assert.Equal(["Jane Doe"], await Names(admin, Profiles + "?search=%20jane%20%20"));
        Assert.Empty(await Names(admin, Profiles + "?search=john%20walker%20doe"));
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    [InlineData("%5C")]
    [InlineData("'%20OR%201=1--")]
    [InlineData("%00")]
    public async Task Search_with_wildcards_or_sql_matches_them_literally(string search)
    {
        await Register002(Registration("plain@example.com", "Plain Person"));
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Profiles}?search={search}");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.OK) Assert.Equal(0, (await Json(response))["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_too_long_search_returns_400()
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Profiles}?search={new string('x', 201)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Ensure this field has no more than 200 characters."], Messages(await Json(response), "search"));
    }

    [Fact]
    public async Task Role_and_grade_filters_narrow_the_list()
    {
        await NewStudent002(grade: "Grade 10");
        await NewStudent002(grade: "Grade 11");
        await NewUser("teacher");
        var admin = await AsAdmin();

        var teachers = await Json(await admin.GetAsync(Profiles + "?role=teacher"));
        var grade = await Json(await admin.GetAsync(Profiles + "?grade=GRADE%2011"));

        Assert.Equal("teacher", teachers["results"]!.AsArray().Single()!["role"]!.GetValue<string>());
        Assert.Equal(1, grade["count"]!.GetValue<long>());
        Assert.Equal(1, (await Json(await admin.GetAsync(Profiles + "?role=student&grade=Grade%2010")))["count"]!.GetValue<long>());
        // The grade is matched exactly, never as a pattern.
        Assert.Equal(0, (await Json(await admin.GetAsync(Profiles + "?grade=%25")))["count"]!.GetValue<long>());
        Assert.Equal(0, (await Json(await admin.GetAsync(Profiles + "?grade=Grade_10")))["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Admin_and_teacher_see_each_students_details()
    {
        await NewStudent002(phone: "+201234567890");
        await NewUser("teacher");
        var (teacher, _, _) = await NewUser("teacher");

        var response = await teacher.GetAsync(Students);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(1, body["count"]!.GetValue<long>());
        var row = body["results"]!.AsArray().Single()!;
        Assert.Equal(["date_joined", "email", "full_name", "grade", "guardian_phone", "id", "is_active", "phone"], Keys(row));
        Assert.Equal("+201234567890", row["phone"]!.GetValue<string>());
        Assert.Equal("Grade 10", row["grade"]!.GetValue<string>());
        await Contract.Match(response, "teacher");
        Assert.Equal(1, (await Json(await (await AsAdmin()).GetAsync(Students)))["count"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_student_sees_other_students_limited_info_only()
    {
        await Register002(Registration("classmate@example.com", "Mona Said", phone: "+201234567890"));
        var (student, _, _) = await NewStudent002();

        var response = await student.GetAsync(Students);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(2, body["count"]!.GetValue<long>());
        Assert.All(body["results"]!.AsArray(), r => Assert.Equal(["full_name", "grade", "id"], Keys(r)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("classmate@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("+20123456789", text, StringComparison.Ordinal);
        await Contract.Match(response, "student");
    }

    [Fact]
    public async Task A_students_search_matches_names_only_so_emails_cannot_be_probed()
    {
        await Register002(Registration("secret.mail@example.com", "Mona Said"));
        var (student, _, _) = await NewStudent002();

        Assert.Empty(await Names(student, Students + "?search=secret.mail"));
        Assert.Equal(["Mona Said"], await Names(student, Students + "?search=mona"));
        Assert.Equal(["Mona Said"], await Names(await AsAdmin(), Students + "?search=secret.mail"));
    }

    [Fact]
    public async Task Students_list_filters_by_grade()
    {
        await NewStudent002("Ali Hassan", grade: "Grade 9");
        var (student, _, _) = await NewStudent002("Sara Adel", grade: "Grade 10");

        Assert.Equal(["Ali Hassan"], await Names(student, Students + "?grade=grade%209"));
    }

    [Fact]
    public async Task Any_signed_in_user_lists_teachers_with_their_specialization()
    {
        var (teacher, teacherId, username) = await NewUser("teacher");
        await teacher.PatchAsJsonAsync("/api/users/profile/", new { full_name = "Dr. Jane Smith", specialization = "Mathematics" });
        var (student, _, _) = await NewStudent002();

        var response = await student.GetAsync(Teachers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(1, body["count"]!.GetValue<long>());
        var row = body["results"]!.AsArray().Single()!;
        Assert.Equal(["email", "full_name", "id", "specialization"], Keys(row));
        Assert.Equal(teacherId, row["id"]!.GetValue<long>());
        Assert.Equal($"{username}@example.com", row["email"]!.GetValue<string>());
        Assert.Equal("Dr. Jane Smith", row["full_name"]!.GetValue<string>());
        Assert.Equal("Mathematics", row["specialization"]!.GetValue<string>());
        await Contract.Match(response, "teachers");
    }

    [Fact]
    public async Task Teachers_search_includes_specialization_and_pages()
    {
        var (math, _, _) = await NewUser("teacher");
        await math.PatchAsJsonAsync("/api/users/profile/", new { specialization = "Mathematics" });
        var (physics, _, _) = await NewUser("teacher");
        await physics.PatchAsJsonAsync("/api/users/profile/", new { specialization = "Physics" });
        var (student, _, _) = await NewStudent002();

        var found = await Json(await student.GetAsync(Teachers + "?search=math"));
        var paged = await Json(await student.GetAsync(Teachers + "?page_size=1"));

        Assert.Equal("Mathematics", found["results"]!.AsArray().Single()!["specialization"]!.GetValue<string>());
        Assert.Equal(2, paged["count"]!.GetValue<long>());
        Assert.Single(paged["results"]!.AsArray());
        Assert.NotNull(paged["next"]);
    }

    [Fact]
    public async Task Deactivated_accounts_are_listed_to_admins_only()
    {
        var (_, id, _) = await NewStudent002("Gone Away");
        await NewStudent002("Still Here");
        await SetActive(id, false); // no route deactivates an account yet
        var (teacher, _, _) = await NewUser("teacher");
        var (student, _, _) = await NewStudent002("Third One");

        Assert.DoesNotContain("Gone Away", await Names(teacher, Profiles));
        Assert.DoesNotContain("Gone Away", await Names(teacher, Students));
        Assert.DoesNotContain("Gone Away", await Names(student, Students));
        Assert.Contains("Gone Away", await Names(await AsAdmin(), Profiles));
    }

    private static async Task<string[]> Names(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return body["results"]!.AsArray().Select(r => r!["full_name"]!.GetValue<string>()).ToArray();
    }

    /// <summary>Volume for the page-size cap: stored directly, since a hundred sign-ups would each hash a password.</summary>
    private async Task AddStudents(int n)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("1");
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < n; i++)
        {
            var user = User.Create($"bulk{i}", $"bulk{i}@example.com", "Bulk", $"Student{i}", Role.Student, now);
            user.RegisteredVia = "002";
            session.Store(user);
        }
        await session.SaveChangesAsync();
    }
}
