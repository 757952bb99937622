namespace Lms.Features.Common;

/// <summary>Marks a MediatR request that changes state: the unit-of-work behaviour saves once after its handler.</summary>
public interface ICommand;

/// <summary>
/// A command whose document answers a taken unique value with a 400 field error rather than 003's 409 (000, 001,
/// 002 and 004 registration). A lost race on a unique index then gets the same 400 as the friendly pre-check.
/// </summary>
public interface IReportsUniqueViolations : ICommand
{
    /// <summary>The 400 for the violated unique index (by name), or null to fall back to the 409.</summary>
    ValidationFailed? UniqueViolation(string? constraint);
}
