using System.Net;
using System.Net.Http.Json;
using Lms.Features.Identity.Clients;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity.Clients;

public sealed class ClientsTests(LmsApiFactory factory) : Accounts001Test(factory)
{
    [Fact]
    public async Task The_platform_admin_creates_a_client_and_gets_it_back_with_every_documented_field()
    {
        var admin = await AsAdmin();

        var response = await admin.PostAsJsonAsync("/accounts/clients/", new
        {
            name = "Acme Academy",
            app_logo_url = "https://cdn.example.com/logo.png",
            app_icon_url = "https://cdn.example.com/icon.png",
            theme_settings = new { primary_color = "#0044ff", font = "Inter" },
            login_img_url = "https://cdn.example.com/login.jpg",
            login_logo_url = "https://cdn.example.com/login-logo.png",
            show_footer = false,
            pwa_manifest = new { short_name = "Acme", display = "standalone" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("acme-academy", body["slug"]!.GetValue<string>());
        Assert.True(body["is_active"]!.GetValue<bool>());
        Assert.Equal("#0044ff", body["theme_settings"]!["primary_color"]!.GetValue<string>());
        Assert.Empty(body["features"]!.AsArray());
        await Contract.Match(response, "created");
        Assert.NotEqual(1, body["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Creating_several_clients_never_reuses_the_default_clients_id()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await NewClient($"Client {i}"));

        Assert.DoesNotContain(1L, ids);
        Assert.Equal(3, ids.Distinct().Count());
        var login = await LoginAt(1, "admin@example.com", LmsApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task An_id_taken_outside_the_id_sequence_is_skipped_not_overwritten()
    {
        // The default client was stored with the explicit id 1, unknown to the id sequence; here the next id is taken the same way.
        var first = await NewClient("First");
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession("1"))
        {
            session.Insert(new Client { Id = first + 1, Name = "Squatter", Slug = "squatter", CreatedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync();
        }

        var next = await NewClient("Next");

        Assert.Equal(first + 2, next);
        var names = (await Json(await (await AsAdmin()).GetAsync("/accounts/clients/"))).AsArray().Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["Default", "First", "Squatter", "Next"], names);
    }

    [Fact]
    public async Task The_platform_admin_lists_every_client_as_a_bare_array_with_paging_headers()
    {
        await NewClient("Acme Academy");
        await NewClient("Beta School");
        var admin = await AsAdmin();

        var response = await admin.GetAsync("/accounts/clients/");
        var second = await admin.GetAsync("/accounts/clients/?page=2&page_size=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await Json(response)).AsArray();
        Assert.Equal(["Default", "Acme Academy", "Beta School"], list.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("3", response.Headers.GetValues("X-Pagination-Count").Single());
        await Contract.Match(response, "list");
        Assert.Equal(["Beta School"], (await Json(second)).AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_taken_slug_returns_400_naming_slug()
    {
        await NewClient("Acme Academy");
        var admin = await AsAdmin();

        var response = await admin.PostAsJsonAsync("/accounts/clients/", new { name = "Another Acme", slug = "ACME-academy" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("client with this slug already exists.", (await Json(response))["slug"]![0]!.GetValue<string>());
        await Contract.Match(response, "slug-taken");
    }

    [Fact]
    public async Task Creating_a_client_without_a_name_or_with_bad_fields_returns_400_naming_each()
    {
        var admin = await AsAdmin();

        var response = await admin.PostAsJsonAsync("/accounts/clients/", new { slug = "no space allowed", app_logo_url = "javascript:alert(1)" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("This field is required.", body["name"]![0]!.GetValue<string>());
        Assert.Equal("Enter a valid URL.", body["app_logo_url"]![0]!.GetValue<string>());
        Assert.NotNull(body["slug"]);
        await Contract.Match(response, "invalid");
    }

    [Fact]
    public async Task Simultaneous_creations_with_one_slug_create_one_client()
    {
        var admin = await AsAdmin();
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            var content = JsonContent.Create(new { name = $"Racer {i}", slug = "racer" });
            await content.LoadIntoBufferAsync();
            await start.WaitAsync();
            return await admin.PostAsync("/accounts/clients/", content);
        })).ToList();
        start.Release(3);
        var results = await Task.WhenAll(tasks);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], results.Select(r => r.StatusCode).Order());
        Assert.Equal(2, (await Json(await admin.GetAsync("/accounts/clients/"))).AsArray().Count);
    }

    [Fact]
    public async Task Only_admins_of_the_default_client_manage_clients()
    {
        var (student, _, _) = await NewUser("student");
        var other = await NewClient("Other");
        var otherAdmin = As(await ClientAdminToken(other));

        var asStudent = await student.GetAsync("/accounts/clients/");
        var asOtherAdmin = await otherAdmin.GetAsync("/accounts/clients/");
        var createAsOtherAdmin = await otherAdmin.PostAsJsonAsync("/accounts/clients/", new { name = "Sneaky" });
        var anonymous = await Anonymous().GetAsync("/accounts/clients/");

        Assert.Equal(HttpStatusCode.Forbidden, asStudent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOtherAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createAsOtherAdmin.StatusCode);
        Assert.Equal("You do not have permission to perform this action.", (await Json(asOtherAdmin))["detail"]!.GetValue<string>());
        await Contract.Match(asOtherAdmin, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await Contract.Match(anonymous, "anonymous");
    }
}
