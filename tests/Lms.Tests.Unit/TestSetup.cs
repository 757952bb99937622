using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Results;
using Lms.Features.Common.Validation;

namespace Lms.Tests.Unit;

/// <summary>Process-wide settings the application makes in Program.cs, repeated here so validators name fields as clients see them.</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly must set FluentValidation's global resolver before any test runs.")]
    internal static void Initialize() =>
        // Exactly as src/Lms.Api/Program.cs does.
        ValidationConventions.Apply();
}

/// <summary>Validation results as the error body shows them: field name to messages.</summary>
internal static class Validated
{
    public static Dictionary<string, string[]> Errors<T>(IValidator<T> validator, T instance) =>
        Fields(validator.Validate(instance));

    public static Dictionary<string, string[]> Fields(ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal);
}
