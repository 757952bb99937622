namespace Lms.Features.Common.Validation;

/// <summary>DRF's wording for the rules every slice needs.</summary>
public static class RuleExtensions
{
    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("This field is required.");

    public static IRuleBuilderOptions<T, TValue?> Required<T, TValue>(this IRuleBuilder<T, TValue?> rule) where TValue : struct =>
        rule.Must(v => v.HasValue).WithMessage("This field is required.");

    public static IRuleBuilderOptions<T, string?> MaxChars<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(v => v is null || v.Length <= max).WithMessage($"Ensure this field has no more than {max} characters.");
}
