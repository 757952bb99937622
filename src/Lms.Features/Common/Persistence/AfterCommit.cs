namespace Lms.Features.Common.Persistence;

/// <summary>Work a command schedules to run only once its transaction has committed (scoped per request).</summary>
public sealed class AfterCommit
{
    private readonly List<Func<CancellationToken, Task>> _actions = [];

    public void Add(Action action) => _actions.Add(_ => { action(); return Task.CompletedTask; });

    public void Add(Func<CancellationToken, Task> action) => _actions.Add(action);

    internal async Task RunAsync(CancellationToken ct)
    {
        foreach (var action in _actions) await action(ct);
        _actions.Clear();
    }
}
