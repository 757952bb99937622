using Lms.Features.Common.Email;

namespace Lms.Tests.Unit.Email;

public class OutgoingEmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_OTP_message_expires_with_its_code()
    {
        var row = OutgoingEmail.For(EmailTemplates.SignupOtp("a@example.com", "A", "123456", 10), Now, TimeSpan.FromHours(48));

        Assert.Equal(Now, row.CreatedAt);
        Assert.Equal(Now.AddMinutes(10), row.ExpiresAt);
        Assert.False(row.IsExpired(Now.AddMinutes(10).AddTicks(-1)));
        Assert.True(row.IsExpired(Now.AddMinutes(10)));
    }

    [Fact]
    public void A_message_without_a_lifetime_of_its_own_gets_the_outbox_default()
    {
        var row = OutgoingEmail.For(EmailTemplates.Verification("a@example.com", "A", "http://x/verify-email?token=t", "t"), Now, TimeSpan.FromHours(48));

        Assert.Equal(Now.AddHours(48), row.ExpiresAt);
    }

    [Fact]
    public void The_row_keeps_the_rendered_message_and_gives_it_back_and_every_row_has_its_own_id()
    {
        var message = EmailTemplates.PasswordResetOtp("b@example.com", "B", "654321", 10);

        var a = OutgoingEmail.For(message, Now, TimeSpan.FromHours(1));
        var b = OutgoingEmail.For(message, Now, TimeSpan.FromHours(1));

        Assert.Equal(message with { ValidFor = null }, a.ToMessage());
        Assert.NotEqual(Guid.Empty, a.Id);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Theory]
    [InlineData("signup")]
    [InlineData("reset")]
    public void An_OTP_is_in_the_body_and_never_in_the_subject(string template)
    {
        var m = template == "signup"
            ? EmailTemplates.SignupOtp("a@example.com", "A", "482913", 10)
            : EmailTemplates.PasswordResetOtp("a@example.com", "A", "482913", 10);

        Assert.DoesNotContain("482913", m.Subject, StringComparison.Ordinal);
        Assert.Contains("482913", m.Text, StringComparison.Ordinal);
        Assert.Contains("482913", m.Html, StringComparison.Ordinal);
    }
}
