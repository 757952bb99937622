using System.Net;
using System.Net.Http.Json;
using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Identity.Profile;

/// <summary>
/// One phone syntax for every document (AccountRules.IsPhone): a phone 000's registration accepted is accepted again by
/// 002's and 003's profile edits of the same account (before the rules were merged, 002 refused 000's bracketed phones).
/// </summary>
public sealed class PhoneAcrossDocumentsTests(LmsApiFactory factory) : Accounts000Test(factory)
{
    [Theory]
    [InlineData("(020) 7946-0958")]
    [InlineData("555.010.0100")]
    public async Task A_phone_registered_through_000_is_accepted_by_002s_profile_edit(string phone)
    {
        await Register(Registration("phoned", phone: phone));
        var login = await Json(await Anonymous().PostAsJsonAsync("/api/users/auth/login/", new { email = "phoned@example.com", password = Password }));
        var user = As(login["access"]!.GetValue<string>());

        var edit = await user.PatchAsJsonAsync("/api/users/profile/", new { phone });

        Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var profile = await Json(await user.GetAsync("/api/users/profile/"));
        Assert.Equal(phone, profile["phone"]!.GetValue<string>());
        Assert.Equal(phone, (await Json(await user.GetAsync("/api/auth/profile/")))["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_phone_registered_through_000_is_accepted_by_003s_profile_edit()
    {
        await Register(Registration("phoned3", phone: "+1-202-555-0143"));
        var user = As(await SignIn000("phoned3"));

        var edit = await user.PutAsJsonAsync("/api/users/profile/", new { phone = "+1-202-555-0143", bio = "hi" });

        Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        Assert.Equal("+1-202-555-0143", (await Json(edit))["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task What_is_no_phone_is_still_refused_in_each_documents_words()
    {
        var (user, _) = await User000("nophone");

        var at002 = await user.PatchAsJsonAsync("/api/users/profile/", new { phone = "call me" });
        var at000 = await user.PatchAsJsonAsync("/api/auth/profile/", new { phone = "call me" });

        Assert.Equal(HttpStatusCode.BadRequest, at002.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, at000.StatusCode);
        Assert.Equal(["Enter a valid phone number."], Messages(await Json(at002), "phone"));
        Assert.Equal(["Enter a valid phone number."], Messages(await Json(at000), "phone"));
    }
}
