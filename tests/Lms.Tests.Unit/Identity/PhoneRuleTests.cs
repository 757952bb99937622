using Lms.Features.Identity;
using Lms.Features.Identity.Profile;
using Lms.Features.Identity.Registration;

namespace Lms.Tests.Unit.Identity;

/// <summary>
/// One phone syntax for <c>User.Phone</c> (<see cref="AccountRules.IsPhone"/>): every route of every document that sets a
/// phone calls it, each with its own message, so a phone one document's registration takes is taken by every profile edit.
/// </summary>
public sealed class PhoneRuleTests
{
    /// <summary>Phones some document accepted before the rules were merged, in the forms each document's tests used.</summary>
    public static readonly TheoryData<string> Phones = new()
    {
        "+1 555 010 0100", "(020) 7946-0958", "5550100", "+123456789012345", // 000
        "+91 98765 43210", "+1 555 0100 200",                                  // 001
        "+201234567890", "01234567890", "+20 123 456 7890", "+1-202-555-0143", // 002
        "+1 555 0100", "555 0100",                                            // 003
        "0101", "01012345678", "12345678901234567890",                         // 004: bare digits of any length
        "555.010.0100", "+44 (0)20 7946 0958", " +15550100 ",
    };

    public static readonly TheoryData<string> NotPhones = new()
    {
        "call me", "+", "++15550100", "1+2", "+20abc4567890", "555-0100 ext 2", "+91 98765 4321O", "٠١٢٣٤٥٦٧", "--", "( )",
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public void Every_phone_some_document_accepted_is_a_phone(string phone) => Assert.True(AccountRules.IsPhone(phone));

    [Theory]
    [MemberData(nameof(NotPhones))]
    public void Text_that_is_no_phone_is_refused(string phone) => Assert.False(AccountRules.IsPhone(phone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_phone_is_left_to_required(string? phone) => Assert.True(AccountRules.IsPhone(phone));

    /// <summary>Each document's registration, as "is this phone accepted" (only the phone field is looked at).</summary>
    private static readonly (string Route, Func<string, bool> Accepts)[] Registrations =
    [
        ("000 register", p => !Validated.Errors(new Register000.Validator(),
            new Register000.Command("phoned", "p@example.com", "Corr3ct-Horse", "Corr3ct-Horse", "P", "Q", "student", p, null)).ContainsKey("phone")),
        ("001 signup", p => !Validated.Errors(new SignUp001.Validator(),
            new SignUp001.Command(1, "P", "Q", "p@example.com", p, "Sturdy-Pass-2026", "Sturdy-Pass-2026")).ContainsKey("phone")),
        ("002 register", p => !Validated.Errors(new Register002.Validator(),
            new Register002.Command("p@example.com", "Sturdy-Pass-2026", "Sturdy-Pass-2026", "P Q", p, p, null)).ContainsKey("phone")),
        ("004 teacher register", p => !Validated.Errors(new RegisterTeacher004.Validator(),
            new RegisterTeacher004.Command("P", "Q", "phoned", "p@example.com", p, "Sturdy-Pass-2026", "Sturdy-Pass-2026", null, null, null, null))
            .ContainsKey("phone")),
    ];

    /// <summary>Each document's profile edit that sets the phone, with the message it answers a bad phone with.</summary>
    private static readonly (string Route, Func<string, string[]?> Problems)[] ProfileEdits =
    [
        ("000 profile", p => Validated.Errors(new UpdateProfile000.Validator(),
            new UpdateProfile000.Command(1, null, null, null, null, p, null, false, null, false)).GetValueOrDefault("phone")),
        ("002 profile", p => Validated.Errors(new EditProfile002.Validator(),
            new EditProfile002.Command(1, null, p, p, null, null, null)).GetValueOrDefault("phone")),
        ("003 profile", p => Validated.Errors(new UpdateProfile003.Validator(),
            new UpdateProfile003.Command(1, null, null, null, p)).GetValueOrDefault("phone")),
    ];

    public static TheoryData<string> Candidates()
    {
        var all = new TheoryData<string>();
        foreach (var p in Phones) all.Add(p);
        foreach (var p in NotPhones) all.Add(p);
        return all;
    }

    [Theory]
    [MemberData(nameof(Candidates))]
    public void A_phone_any_registration_accepts_is_accepted_by_every_profile_edit(string phone)
    {
        foreach (var (registration, accepts) in Registrations)
        {
            if (!accepts(phone)) continue;
            foreach (var (edit, problems) in ProfileEdits)
                Assert.True(problems(phone) is null, $"{registration} accepts \"{phone}\" but {edit} refuses it");
        }
    }

    [Theory]
    [MemberData(nameof(Candidates))]
    public void Every_registration_and_profile_edit_decides_alike(string phone)
    {
        var expected = AccountRules.IsPhone(phone);
        foreach (var (route, accepts) in Registrations) Assert.True(accepts(phone) == expected, $"{route} on \"{phone}\"");
        foreach (var (route, problems) in ProfileEdits) Assert.True((problems(phone) is null) == expected, $"{route} on \"{phone}\"");
    }

    [Fact]
    public void Each_document_keeps_its_own_message()
    {
        Assert.Equal(["Enter a valid phone number."], ProfileEdits[0].Problems("call me")!);
        Assert.Equal(["Enter a valid phone number."], ProfileEdits[1].Problems("call me")!);
        Assert.Equal(["Enter a valid phone number."], ProfileEdits[2].Problems("call me")!);
        Assert.Equal(["Phone must be a number."], Validated.Errors(new RegisterTeacher004.Validator(),
            new RegisterTeacher004.Command("P", "Q", "phoned", "p@example.com", "call me", "Sturdy-Pass-2026", "Sturdy-Pass-2026", null, null, null, null))["phone"]);
        Assert.Equal(["Enter a valid phone number."], Validated.Errors(new SignUp001.Validator(),
            new SignUp001.Command(1, "P", "Q", "p@example.com", "call me", "Sturdy-Pass-2026", "Sturdy-Pass-2026"))["phone"]);
    }
}
