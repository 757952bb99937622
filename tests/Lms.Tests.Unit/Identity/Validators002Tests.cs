using Lms.Features.Common.Paging;
using Lms.Features.Identity;
using Lms.Features.Identity.Profile;
using Lms.Features.Identity.Registration;

namespace Lms.Tests.Unit.Identity;

public class PrintableText002Tests
{
    [Fact]
    public void Printable_text_has_no_control_characters()
    {
        Assert.True(AccountRules002.IsPrintable("Grade 10 — أ"));
        Assert.True(AccountRules002.IsPrintable(null));
        Assert.False(AccountRules002.IsPrintable("A\0B"));
        Assert.False(AccountRules002.IsPrintable("line\nbreak"));
        Assert.False(AccountRules002.IsPrintable("\u001b[31m"));
    }
}

public class UserListingSearchTermTests
{
    [Fact]
    public void A_search_is_split_into_distinct_words()
    {
        Assert.Equal(["John", "Doe"], ListParameters.SearchTerms("  John \t Doe  john "));
        Assert.Empty(ListParameters.SearchTerms("   "));
        Assert.Empty(ListParameters.SearchTerms(null));
    }

    [Fact]
    public void At_most_eight_words_are_used() =>
        Assert.Equal(ListParameters.MaxSearchTerms, ListParameters.SearchTerms(string.Join(' ', Enumerable.Range(1, 50))).Count);
}

public class Register002RulesTests
{
    private readonly Register002.Validator _validator = new();

    private static readonly Register002.Command Valid =
        new("student@example.com", "SecurePass123!", "SecurePass123!", "John Doe", "+201234567890", "+201234567891", "Grade 10");

    [Fact]
    public void The_documented_request_is_valid() => Assert.Empty(Validated.Errors(_validator, Valid));

    [Fact]
    public void Phones_and_grade_are_optional() =>
        Assert.Empty(Validated.Errors(_validator, Valid with { Phone = null, GuardianPhone = "", Grade = null }));

    [Fact]
    public void A_password_mismatch_is_left_to_the_handler_so_it_can_answer_with_a_taken_email() =>
        Assert.Empty(Validated.Errors(_validator, Valid with { Password2 = "SecurePass124!" }));

    [Fact]
    public void Every_required_field_is_named()
    {
        var errors = Validated.Errors(_validator, new Register002.Command(null, null, null, " ", null, null, null));

        Assert.Equal(["email", "full_name", "password", "password2"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, m => Assert.Equal(["This field is required."], m));
    }

    [Fact]
    public void Bad_phones_names_and_grades_are_refused_with_drf_messages()
    {
        var errors = Validated.Errors(_validator, Valid with
        {
            Phone = "12ab", GuardianPhone = new string('1', 21), FullName = new string('x', 151), Grade = "Grade\u000010",
        });

        Assert.Equal(["Enter a valid phone number."], errors["phone"]);
        Assert.Equal(["Ensure this field has no more than 20 characters."], errors["guardian_phone"]);
        Assert.Equal(["Ensure this field has no more than 150 characters."], errors["full_name"]);
        Assert.Equal([AccountRules002.ControlCharacters], errors["grade"]);
    }

    [Theory]
    [InlineData(UsersSchema.EmailIndex, "email", AccountRules002.EmailTaken)]
    [InlineData(UsersSchema.UsernameIndex, "email", AccountRules002.EmailTaken)]
    [InlineData(UsersSchema.PhoneIndex, "phone", AccountRules002.PhoneTaken)]
    public void A_lost_race_on_a_unique_index_answers_like_the_pre_check(string index, string field, string message)
    {
        var error = Valid.UniqueViolation(index);

        Assert.NotNull(error);
        Assert.Equal([message], error.Fields[field]);
    }

    [Fact]
    public void A_violation_of_another_index_is_left_to_the_default_409() => Assert.Null(Valid.UniqueViolation("ux_users_key"));
}

public class EditProfile002RulesTests
{
    private readonly EditProfile002.Validator _validator = new();

    [Fact]
    public void An_empty_patch_is_valid() =>
        Assert.Empty(Validated.Errors(_validator, new EditProfile002.Command(1, null, null, null, null, null, null)));

    [Fact]
    public void Blank_values_clear_optional_fields_but_not_the_full_name()
    {
        var errors = Validated.Errors(_validator, new EditProfile002.Command(1, " ", "", "", "", "", ""));

        Assert.Equal(["full_name"], errors.Keys);
        Assert.Equal(["This field may not be blank."], errors["full_name"]);
    }

    [Fact]
    public void A_bio_may_span_lines_but_not_hold_nul() =>
        Assert.Equal(["bio"], Validated.Errors(_validator, new EditProfile002.Command(1, null, null, null, null, null, "a\nb\0")).Keys);
}
