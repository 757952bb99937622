using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Clients;

public sealed class FeaturesTests(LmsApiFactory factory) : Accounts001Test(factory)
{
    private static readonly int[] MixedIds = [8, 1, 1, 6];
    private static readonly int[] JustCourses = [1];
    private static readonly int[] SomeUnknown = [2, 99, 1000];

    private static string Select(long client) =>
        $"/accounts/clients/{client.ToString(System.Globalization.CultureInfo.InvariantCulture)}/features/select/";

    [Fact]
    public async Task Anyone_lists_the_feature_catalogue_even_right_after_a_data_reset()
    {
        var response = await Anonymous().GetAsync("/accounts/features/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = (await Json(response)).AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Courses", names);
        Assert.Contains("Mock Interviews", names);
        Assert.Equal("12", response.Headers.GetValues("X-Pagination-Count").Single());
        await Contract.Match(response, "catalogue");
        var again = await Json(await Anonymous().GetAsync("/accounts/features/?page=2&page_size=5"));
        Assert.Equal([6L, 7, 8, 9, 10], again.AsArray().Select(f => f!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task The_platform_admin_selects_a_clients_features_and_the_list_shows_them()
    {
        var client = await NewClient("Acme Academy");
        var admin = await AsAdmin();

        var response = await admin.PostAsJsonAsync(Select(client), new { feature_ids = MixedIds });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Features updated successfully", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "updated");
        var listed = (await Json(await admin.GetAsync("/accounts/clients/"))).AsArray().Single(c => c!["id"]!.GetValue<long>() == client)!;
        Assert.Equal(["Courses", "Assessments", "Live Classes"], listed["features"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));

        var cleared = await admin.PostAsJsonAsync(Select(client), new { feature_ids = Array.Empty<int>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        listed = (await Json(await admin.GetAsync("/accounts/clients/"))).AsArray().Single(c => c!["id"]!.GetValue<long>() == client)!;
        Assert.Empty(listed["features"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_feature_ids_return_400_and_change_nothing()
    {
        var client = await NewClient("Acme Academy");
        var admin = await AsAdmin();
        await admin.PostAsJsonAsync(Select(client), new { feature_ids = JustCourses });

        var response = await admin.PostAsJsonAsync(Select(client), new { feature_ids = SomeUnknown });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Invalid pk \"99\" - object does not exist.", "Invalid pk \"1000\" - object does not exist."],
            (await Json(response))["feature_ids"]!.AsArray().Select(m => m!.GetValue<string>()));
        await Contract.Match(response, "unknown-ids");
        var listed = (await Json(await admin.GetAsync("/accounts/clients/"))).AsArray().Single(c => c!["id"]!.GetValue<long>() == client)!;
        Assert.Equal(["Courses"], listed["features"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Selecting_without_feature_ids_returns_400()
    {
        var client = await NewClient("Acme Academy");

        var response = await (await AsAdmin()).PostAsync(Select(client), RawJson("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This field is required.", (await Json(response))["feature_ids"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Selecting_features_of_an_unknown_client_returns_404()
    {
        var response = await (await AsAdmin()).PostAsJsonAsync(Select(55555), new { feature_ids = JustCourses });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Contract.Match(response, "unknown-client");
    }

    [Fact]
    public async Task Only_platform_admins_select_features_not_the_clients_own_admin_or_students()
    {
        var client = await NewClient("Acme Academy");
        var ownAdmin = As(await ClientAdminToken(client));
        var (student, _, _) = await NewUser("student");

        var byOwnAdmin = await ownAdmin.PostAsJsonAsync(Select(client), new { feature_ids = JustCourses });
        var byStudent = await student.PostAsJsonAsync(Select(client), new { feature_ids = JustCourses });
        var anonymous = await Anonymous().PostAsJsonAsync(Select(client), new { feature_ids = JustCourses });

        Assert.Equal(HttpStatusCode.Forbidden, byOwnAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStudent.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
