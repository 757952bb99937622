using System.Net;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Platform;

/// <summary>The Hangfire dashboard (admins only) and the API description (OpenAPI JSON, Scalar at /docs).</summary>
public sealed class DashboardAndDocsTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Hangfire_dashboard_refuses_an_anonymous_caller_with_401()
    {
        var response = await Anonymous().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Lms jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Contract.Match(response, "anonymous");
    }

    [Fact]
    public async Task Hangfire_dashboard_refuses_a_student_with_403()
    {
        var (student, _, _) = await NewUser();

        var response = await student.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Lms jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Contract.Match(response, "student");
    }

    [Fact]
    public async Task Hangfire_dashboard_opens_for_an_admin_bearer_token()
    {
        var admin = await AsAdmin();

        var response = await admin.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Lms jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_dashboard_opens_for_an_admin_access_token_cookie()
    {
        var token = await Login(LmsApiFactory.AdminUsername, LmsApiFactory.AdminPassword);
        var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Cookie", $"access_token={token}");

        var response = await Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> Operations003 => new()
    {
        { "post", "/api/token/" },
        { "post", "/api/users/register/" },
        { "get", "/api/users/profile/" },
        { "put", "/api/users/profile/" },
        { "get", "/api/courses/" },
        { "post", "/api/courses/" },
        { "get", "/api/courses/{id}/" },
        { "put", "/api/courses/{id}/" },
        { "delete", "/api/courses/{id}/" },
        { "post", "/api/enrollments/" },
        { "get", "/api/enrollments/" },
        { "get", "/api/progress/" },
        { "put", "/api/progress/{id}/" },
    };

    [Fact]
    public async Task OpenApi_document_lists_all_13_operations_of_003()
    {
        var response = await Anonymous().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Json(response))["paths"]!.AsObject();
        // Written as the document writes them, trailing slash included.
        var listed = paths.SelectMany(p => p.Value!.AsObject().Select(op => (Method: op.Key, Path: p.Key))).ToHashSet();
        var missing = Operations003.Select(row => ((string)row[0], (string)row[1])).Where(op => !listed.Contains(op)).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing) + "; listed: " + string.Join(", ", listed));
        Assert.Equal(13, Operations003.Count);
    }

    [Fact]
    public async Task OpenApi_document_lists_each_routes_error_statuses()
    {
        var document = await Json(await Anonymous().GetAsync("/openapi/v1.json"));

        var enroll = document["paths"]!["/api/enrollments/"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
        var detail = document["paths"]!["/api/courses/{id}/"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).ToHashSet();

        Assert.Superset(new HashSet<string> { "201", "400", "401", "404", "409", "429" }, enroll);
        Assert.Superset(new HashSet<string> { "200", "404", "429" }, detail);
        Assert.DoesNotContain("409", detail);
    }

    [Fact]
    public async Task Docs_page_returns_200_html_that_loads_the_openapi_document()
    {
        // Scalar answers /docs with a redirect to /docs/ (its assets are relative); a browser follows it.
        var redirect = await Anonymous().GetAsync("/docs");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var target = new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location!);
        Assert.Equal("/docs/", target.AbsolutePath);

        var response = await Anonymous().GetAsync(target);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("openapi", html, StringComparison.OrdinalIgnoreCase);
    }
}
