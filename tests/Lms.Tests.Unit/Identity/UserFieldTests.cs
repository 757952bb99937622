using Lms.Features.Common.Email;
using Lms.Features.Common.Security;
using Lms.Features.Identity;

namespace Lms.Tests.Unit.Identity;

public sealed class UserFieldTests
{
    [Theory]
    [InlineData("+20 123-456-7890", "201234567890")]
    [InlineData("01234567890", "01234567890")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("n/a", null)]
    [InlineData(null, null)]
    public void The_phone_key_is_its_digits_or_null(string? phone, string? key) => Assert.Equal(key, User.PhoneKeyOf(phone));

    [Fact]
    public void Two_spellings_of_one_number_share_a_key()
    {
        var a = new User();
        var b = new User();
        a.SetPhone("+20 123 456 7890");
        b.SetPhone("201234567890");
        Assert.Equal(a.PhoneKey, b.PhoneKey);
        Assert.Equal("+20 123 456 7890", a.Phone);
    }

    [Theory]
    [InlineData("John Doe", "John", "Doe", "John Doe")]
    [InlineData("Dr. Jane Smith", "Dr.", "Jane Smith", "Dr. Jane Smith")]
    [InlineData("  Cher  ", "Cher", "", "Cher")]
    public void Full_name_round_trips_through_first_and_last_name(string input, string first, string last, string full)
    {
        var u = new User();
        u.SetFullName(input);
        Assert.Equal((first, last, full), (u.FirstName, u.LastName, u.FullName));
    }

    [Theory]
    [InlineData("John.Doe_42", "john-doe-42")]
    [InlineData("teacher1", "teacher1")]
    [InlineData("-Ahmed-", "ahmed")]
    public void Slugs_are_url_safe(string username, string slug) => Assert.Equal(slug, User.SlugOf(username));

    [Fact]
    public void A_new_user_gets_its_slug_and_normalized_keys()
    {
        var u = User.Create(" Mona.Ali ", "Mona@Example.com ", "Mona", "Ali", Role.Teacher, DateTimeOffset.UnixEpoch);
        Assert.Equal(("Mona.Ali", "mona.ali", "mona@example.com", "mona-ali"), (u.Username, u.UsernameNormalized, u.EmailNormalized, u.Slug));
    }

    [Fact]
    public void Email_templates_encode_user_values_in_HTML_but_not_in_text()
    {
        var m = EmailTemplates.Verification("a@example.com", "<b>Eve</b>", "http://x/verify?token=a&b", "tok");
        Assert.Contains("&lt;b&gt;Eve&lt;/b&gt;", m.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Eve</b>", m.Html, StringComparison.Ordinal);
        Assert.Contains("<b>Eve</b>", m.Text, StringComparison.Ordinal);
        Assert.Contains("token=a&amp;b", m.Html, StringComparison.Ordinal);
    }
}
