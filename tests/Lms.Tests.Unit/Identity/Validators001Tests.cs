using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;
using Lms.Features.Identity.Clients;
using Lms.Features.Identity.EmailVerification;
using Lms.Features.Identity.Registration;

namespace Lms.Tests.Unit.Identity;

public class SignUpValidatorTests
{
    private readonly SignUp001.Validator _validator = new();

    private static SignUp001.Command Valid(string? phone = "+91 98765 43210", string password = "Sturdy-Pass-2026", string? confirm = null) =>
        new(2, "Asha", "Rao", "asha@example.com", phone, password, confirm ?? password);

    [Fact]
    public void A_complete_signup_is_valid() => Assert.Empty(Validated.Errors(_validator, Valid()));

    [Fact]
    public void The_phone_is_optional() => Assert.Empty(Validated.Errors(_validator, Valid(phone: null)));

    [Theory]
    [InlineData("call me")]
    [InlineData("+91 98765 4321O")]
    [InlineData("++919876543210")]
    public void A_phone_that_is_no_phone_is_refused(string phone) =>
        Assert.Equal(["Enter a valid phone number."], Validated.Errors(_validator, Valid(phone: phone))["phone"]);

    [Fact]
    public void A_confirmation_that_differs_is_refused() =>
        Assert.Equal(["Passwords do not match."], Validated.Errors(_validator, Valid(confirm: "Sturdy-Pass-2027"))["confirm_password"]);

    [Fact]
    public void A_password_like_the_email_is_refused() =>
        Assert.Contains("The password is too similar to the username.",
            Validated.Errors(_validator, Valid(password: "asha-example-99"))["password"]);
}

public class VerifyEmailValidatorTests
{
    private readonly VerifyEmail001.Validator _validator = new();

    [Fact]
    public void An_email_and_a_code_are_valid() =>
        Assert.Empty(Validated.Errors(_validator, new VerifyEmail001.Command(2, "asha@example.com", "123456")));

    [Fact]
    public void A_code_longer_than_ten_characters_is_refused() =>
        Assert.Equal(["Ensure this field has no more than 10 characters."],
            Validated.Errors(_validator, new VerifyEmail001.Command(2, "asha@example.com", new string('1', 11)))["otp"]);
}

public class VerifyEmailUniqueViolationTests
{
    private static readonly VerifyEmail001.Command Command = new(2, "asha@example.com", "123456");

    [Fact]
    public void A_lost_race_on_the_email_is_the_same_400_as_the_pre_check() =>
        Assert.Equal(["A user with this email already exists."], Command.UniqueViolation("ux_users_email")!.Fields["email"]);

    [Fact]
    public void A_lost_race_on_the_derived_username_asks_to_send_the_code_again()
    {
        var error = Command.UniqueViolation("ux_users_username")!;

        Assert.Empty(error.Fields);
        Assert.Equal(VerifyEmail001.RetryMessage, error.Message);
    }

    [Fact]
    public void Other_constraints_fall_back_to_the_409() => Assert.Null(Command.UniqueViolation("something_else"));
}

public class CreateClientValidatorTests
{
    private readonly CreateClient001.Validator _validator = new();

    private static CreateClient001.Command With(string? name = "Acme", string? slug = null, string? logo = null) =>
        new(name, slug, logo, null, null, null, null, null, null, null);

    [Fact]
    public void A_name_alone_is_valid() => Assert.Empty(Validated.Errors(_validator, With()));

    [Theory]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void A_slug_with_other_characters_is_refused(string slug) =>
        Assert.Single(Validated.Errors(_validator, With(slug: slug))["slug"]);

    [Fact]
    public void A_name_that_gives_no_slug_needs_an_explicit_slug()
    {
        Assert.Single(Validated.Errors(_validator, With(name: "!!!"))["slug"]);
        Assert.Empty(Validated.Errors(_validator, With(name: "!!!", slug: "bang")));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/logo.png")]
    [InlineData("/relative/logo.png")]
    public void Urls_must_be_absolute_http_or_https(string url) =>
        Assert.Equal(["Enter a valid URL."], Validated.Errors(_validator, With(logo: url))["app_logo_url"]);
}

public class ClientSlugTests
{
    [Theory]
    [InlineData("Acme Academy", "acme-academy")]
    [InlineData("  AI -- Linc!! ", "ai-linc")]
    [InlineData("snake_case", "snake_case")]
    [InlineData("!!!", "")]
    public void The_slug_comes_from_the_name(string name, string slug) => Assert.Equal(slug, Client.SlugOf(name));

    [Fact]
    public void A_slug_is_at_most_50_characters() => Assert.Equal(50, Client.SlugOf(new string('a', 80)).Length);
}

public class Roles001Tests
{
    [Theory]
    [InlineData(Role.Student, "student")]
    [InlineData(Role.Teacher, "instructor")]
    [InlineData(Role.Admin, "admin")]
    public void Roles_use_001s_words(Role role, string word) => Assert.Equal(word, Doc001.Word(role));
}
