namespace Lms.Features.Common.Paging;

/// <summary>A document's page size when <c>page_size</c> is not sent, and the most it may ask for.</summary>
public readonly record struct PageDefaults(int Default, int Max);
