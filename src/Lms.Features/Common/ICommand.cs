namespace Lms.Features.Common;

/// <summary>Marks a MediatR request that changes state: the unit-of-work behaviour saves once after its handler.</summary>
public interface ICommand;
