using Lms.Features.Common.Json;

namespace Lms.Features.Common.Validation;

/// <summary>Process-wide FluentValidation settings: field names as clients see them, one message per failing rule chain.</summary>
public static class ValidationConventions
{
    public static void Apply()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : LmsJson.Name(member.Name);
        // DrfMessages.Required and nothing else for a blank field, as DRF answers.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
    }
}
