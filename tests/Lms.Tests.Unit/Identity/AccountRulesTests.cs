using Lms.Features.Identity;

namespace Lms.Tests.Unit.Identity;

/// <summary>The one account rule: what a username may be, and the key usernames and e-mails are unique under.</summary>
public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("Student", "student")]
    [InlineData("  STUDENT ", "student")]
    [InlineData("\u017Ftudent", "student")]          // long s
    [InlineData("\u212Aelvin", "kelvin")]            // Kelvin sign
    [InlineData("ｓｔｕｄｅｎｔ", "student")]         // full-width
    [InlineData("b\u0131lly", "billy")]               // dotless i
    [InlineData("\u0130stanbul", "istanbul")]         // dotted capital I
    [InlineData("stra\u00DFe", "strasse")]
    [InlineData("\u0441\u043e\u0441\u043e\u0430", "cocoa")] // all-Cyrillic look-alike
    [InlineData("\u0392\u039f\u0392", "bob")]         // Greek capitals
    [InlineData("Ren\u0065\u0301", "ren\u00e9")]      // decomposed accent composes
    [InlineData("a\u0001b", "ab")]                    // control characters never reach a key
    [InlineData("Student1@Example.COM", "student1@example.com")]
    public void Key_folds_case_compatibility_forms_and_look_alikes(string input, string key) =>
        Assert.Equal(key, AccountRules.Key(input));

    private static readonly string[] Samples = ["ｓｔｕｄｅｎｔ", "\u212Aelvin", "Дмитрий", "straße", "b\u0131lly"];

    [Fact]
    public void Key_is_idempotent() =>
        Assert.All(Samples,
            s => Assert.Equal(AccountRules.Key(s), AccountRules.Key(AccountRules.Key(s))));

    [Theory]
    [InlineData("john.doe")]
    [InlineData("j+d-x_y")]
    [InlineData("jöhn")]
    [InlineData("Дмитрий")]
    [InlineData("Ελένη")]
    [InlineData("山田たろう")]
    [InlineData("अनीता")]        // Devanagari vowel signs are marks, and belong there
    [InlineData("user2026")]
    public void These_are_usernames(string username) => Assert.Null(AccountRules.UsernameProblem(username));

    [Theory]
    [InlineData("victim@example.com", AccountRules.UsernameInvalid)]
    [InlineData("with space", AccountRules.UsernameInvalid)]
    [InlineData("zero\u200Dwidth", AccountRules.UsernameInvalid)]
    [InlineData("kelvi\u0307n", AccountRules.UsernameInvalid)]     // combining dot on a Latin letter
    [InlineData("\u0301lead", AccountRules.UsernameInvalid)]       // a mark with no letter before it
    [InlineData("smile\U0001F600", AccountRules.UsernameInvalid)]
    [InlineData("p\u0430ypal", AccountRules.UsernameMixedScripts)] // one Cyrillic a
    [InlineData("\u03b1lpha", AccountRules.UsernameMixedScripts)]  // Greek alpha, then Latin
    [InlineData("   ", AccountRules.UsernameInvalid)]
    public void These_are_not(string username, string problem) => Assert.Equal(problem, AccountRules.UsernameProblem(username));

    [Theory]
    [InlineData("ｕｓｅｒ＠ｅｘａｍｐｌｅ.ｃｏｍ")] // a full-width at sign is an at sign
    public void A_full_width_at_sign_is_refused_too(string username) =>
        Assert.Equal(AccountRules.UsernameInvalid, AccountRules.UsernameProblem(username));

    [Theory]
    [InlineData("someone@example.com", true)]
    [InlineData("someone", false)]
    [InlineData("someone＠example.com", true)]
    public void A_sign_in_input_is_an_email_when_it_has_an_at_sign(string login, bool email) =>
        Assert.Equal(email, AccountRules.IsEmailLogin(login));
}
