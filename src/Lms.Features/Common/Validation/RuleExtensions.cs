namespace Lms.Features.Common.Validation;

/// <summary>DRF's standard rules every slice needs, with <see cref="DrfMessages"/>' wording.</summary>
public static class RuleExtensions
{
    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(DrfMessages.Required);

    public static IRuleBuilderOptions<T, TValue?> Required<T, TValue>(this IRuleBuilder<T, TValue?> rule) where TValue : struct =>
        rule.Must(v => v.HasValue).WithMessage(DrfMessages.Required);

    /// <summary>An optional text: absent is fine, but sent it may not be blank.</summary>
    public static IRuleBuilderOptions<T, string?> NotBlank<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || !string.IsNullOrWhiteSpace(v)).WithMessage(DrfMessages.Blank);

    public static IRuleBuilderOptions<T, string?> MaxChars<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(v => v is null || v.Length <= max).WithMessage(DrfMessages.MaxChars(max));
}
