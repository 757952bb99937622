using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.ListUsers;

/// <summary>000 <c>GET /api/auth/users/</c>: a bare array with X-Pagination-* headers, filtered by what the caller may see.</summary>
public sealed class ListUsers000Tests(LmsApiFactory factory) : Accounts000Test(factory)
{
    private const string Users = "/api/auth/users/";

    /// <summary>Two students and two tutors besides the bootstrap admin.</summary>
    private async Task Population()
    {
        await Register(Registration("stu_a", userType: "student"));
        await Register(Registration("tut_a", userType: "tutor"));
        await Register(Registration("stu_b", userType: "student"));
        await Register(Registration("tut_b", userType: "tutor"));
    }

    [Fact]
    public async Task Admin_lists_everyone_ordered_by_id_with_paging_headers()
    {
        await Population();
        var admin = await AsAdmin();

        var response = await admin.GetAsync(Users);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await Json(response)).AsArray();
        Assert.Equal(["admin", "stu_a", "tut_a", "stu_b", "tut_b"], items.Select(u => u!["username"]!.GetValue<string>()));
        var ids = items.Select(u => u!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal("5", Header(response, "X-Pagination-Count"));
        Assert.Equal("1", Header(response, "X-Pagination-Page"));
        Assert.Equal("50", Header(response, "X-Pagination-PageSize"));
        Assert.Equal(["admin", "student", "tutor", "student", "tutor"], items.Select(u => u!["user_type"]!.GetValue<string>()));
        await Contract.Match(response, "admin-all");
    }

    [Theory]
    [InlineData("student", new[] { "stu_a", "stu_b" })]
    [InlineData("tutor", new[] { "tut_a", "tut_b" })]
    [InlineData("admin", new[] { "admin" })]
    public async Task Admin_filters_by_user_type(string userType, string[] expected)
    {
        await Population();
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Users}?user_type={userType}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await Json(response)).AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(response, "X-Pagination-Count"));
    }

    [Fact]
    public async Task A_tutor_sees_students_and_tutors_but_not_admins()
    {
        await Population();
        var tutor = As(await SignIn000("tut_a"));

        var all = await tutor.GetAsync(Users);
        var admins = await tutor.GetAsync($"{Users}?user_type=admin");

        Assert.Equal(["stu_a", "tut_a", "stu_b", "tut_b"], (await Json(all)).AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, admins.StatusCode);
        Assert.Empty((await Json(admins)).AsArray());
        Assert.Equal("0", Header(admins, "X-Pagination-Count"));
    }

    [Fact]
    public async Task A_student_sees_tutors_only()
    {
        await Population();
        var student = As(await SignIn000("stu_a"));

        var all = await student.GetAsync(Users);
        var students = await student.GetAsync($"{Users}?user_type=student");

        Assert.Equal(["tut_a", "tut_b"], (await Json(all)).AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal("2", Header(all, "X-Pagination-Count"));
        Assert.Equal(HttpStatusCode.OK, students.StatusCode);
        Assert.Empty((await Json(students)).AsArray());
        await Contract.Match(students, "student-sees-no-students");
    }

    [Fact]
    public async Task Page_and_page_size_select_a_slice_and_the_size_is_capped_at_200()
    {
        await Population();
        var admin = await AsAdmin();

        var second = await admin.GetAsync($"{Users}?page=2&page_size=2");
        var beyond = await admin.GetAsync($"{Users}?page=9&page_size=2");
        var capped = await admin.GetAsync($"{Users}?page_size=100000");

        Assert.Equal(["tut_a", "stu_b"], (await Json(second)).AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal("5", Header(second, "X-Pagination-Count"));
        Assert.Equal("2", Header(second, "X-Pagination-Page"));
        Assert.Equal("2", Header(second, "X-Pagination-PageSize"));
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        Assert.Empty((await Json(beyond)).AsArray());
        Assert.Equal("200", Header(capped, "X-Pagination-PageSize"));
        Assert.Equal(5, (await Json(capped)).AsArray().Count);
    }

    [Fact]
    public async Task An_unknown_user_type_returns_400_naming_user_type()
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Users}?user_type=wizard");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["\"wizard\" is not a valid choice."], Messages(await Json(response), "user_type"));
        await Contract.Match(response, "bad-user-type");
    }

    [Theory]
    [InlineData("page=abc", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page_size=-1", "page_size")]
    public async Task Bad_paging_parameters_return_400_naming_them(string query, string field)
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Users}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))[field]);
    }

    [Fact]
    public async Task A_huge_user_type_returns_400_not_a_server_error()
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync($"{Users}?user_type={new string('z', 5000)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Json(response))["user_type"]);
    }

    [Fact]
    public async Task Listing_without_a_token_returns_401()
    {
        var response = await Anonymous().GetAsync(Users);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (await Json(response))["detail"]!.GetValue<string>());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
