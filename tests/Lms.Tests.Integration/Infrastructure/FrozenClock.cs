namespace Lms.Tests.Integration.Infrastructure;

/// <summary>A clock that never moves: windows never roll over during a test, so limits and Retry-After are exact.</summary>
public sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
