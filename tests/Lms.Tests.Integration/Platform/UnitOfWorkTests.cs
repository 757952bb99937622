using System.Collections.Concurrent;
using Hangfire;
using Lms.Features.Common;
using Lms.Features.Common.Behaviors;
using Lms.Features.Common.Errors;
using Lms.Features.Common.Persistence;
using Lms.Features.Identity;
using Lms.Features.Common.Security;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// The unit-of-work behaviour on the real container and database: one save after the handler, after-commit work only
/// once the transaction committed, nothing written when the handler fails, a lost unique race as a 409 with its field,
/// and after-commit Hangfire enqueues processed by the real job server.
/// </summary>
public sealed class UnitOfWorkTests(LmsApiFactory factory) : ApiTest(factory)
{
    private sealed record Probe(string Username) : IRequest<long>, ICommand;

    private static User Account(string username) =>
        User.Create(username, $"{username}@example.com", "Unit", "OfWork", Role.Student, DateTimeOffset.UtcNow);

    private async Task<long> Send(Func<IDocumentSession, AfterCommit, Task<long>> handler)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var behaviour = new UnitOfWorkBehavior<Probe, long>(scope.ServiceProvider);
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var afterCommit = scope.ServiceProvider.GetRequiredService<AfterCommit>();
        return await behaviour.Handle(new Probe("x"), CancellationToken.None, () => handler(session, afterCommit));
    }

    private async Task<bool> Exists(string username)
    {
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession("1");
        var normalized = AccountRules.Key(username);
        return await session.Query<User>().AnyAsync(u => u.UsernameNormalized == normalized);
    }

    [Fact]
    public async Task A_command_is_saved_once_and_after_commit_work_sees_the_committed_data()
    {
        bool? seenAfterCommit = null;

        await Send((session, afterCommit) =>
        {
            var user = Account("committed1");
            session.Insert(user);
            afterCommit.Add(async _ => seenAfterCommit = await Exists("committed1"));
            return Task.FromResult(user.Id);
        });

        Assert.True(seenAfterCommit);
        Assert.True(await Exists("committed1"));
    }

    [Fact]
    public async Task A_failing_handler_writes_nothing_and_runs_no_after_commit_work()
    {
        var ran = false;

        await Assert.ThrowsAsync<PermissionDenied>(() => Send((session, afterCommit) =>
        {
            session.Insert(Account("rolledback1"));
            afterCommit.Add(() => ran = true);
            throw new PermissionDenied();
        }));

        Assert.False(ran);
        Assert.False(await Exists("rolledback1"));
    }

    [Fact]
    public async Task A_unique_index_race_becomes_a_409_naming_the_field_and_runs_no_after_commit_work()
    {
        await Send((session, _) => { var u = Account("taken1"); session.Insert(u); return Task.FromResult(u.Id); });
        var ran = false;

        var conflict = await Assert.ThrowsAsync<Conflict>(() => Send((session, afterCommit) =>
        {
            var u = Account("TAKEN1");
            u.Email = u.EmailNormalized = "other@example.com";
            session.Insert(u);
            afterCommit.Add(() => ran = true);
            return Task.FromResult(u.Id);
        }));

        Assert.Equal("A user with that username already exists.", conflict.Message);
        Assert.Equal("username", Assert.Single(conflict.Fields).Key);
        Assert.False(ran);
    }


    [Fact]
    public async Task A_job_enqueued_after_commit_is_run_by_the_real_hangfire_server()
    {
        var marker = Guid.NewGuid().ToString("N");

        await Send((session, afterCommit) =>
        {
            var u = Account("jobowner1");
            session.Insert(u);
            afterCommit.Add(() => Factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => ProbeJobs.Record(marker)));
            return Task.FromResult(u.Id);
        });

        // Polling, not timing: the assertion is that the job runs at all (the limit only bounds a broken server).
        for (var i = 0; i < 300 && !ProbeJobs.Ran.ContainsKey(marker); i++) await Task.Delay(100);
        Assert.True(ProbeJobs.Ran.ContainsKey(marker), "the Hangfire server did not run the enqueued job within 30 s");
    }

    [Fact]
    public void Every_behaviour_is_registered_in_order_logging_validation_unit_of_work()
    {
        using var scope = Factory.Services.CreateScope();
        var behaviours = scope.ServiceProvider.GetServices<IPipelineBehavior<Probe, long>>().Select(b => b.GetType().Name).ToList();
        Assert.Equal(["LoggingBehavior`2", "ValidationBehavior`2", "UnitOfWorkBehavior`2"], behaviours);
    }
}

/// <summary>A job for the Hangfire server to run (public and static so Hangfire can invoke it by name).</summary>
public static class ProbeJobs
{
    internal static readonly ConcurrentDictionary<string, DateTimeOffset> Ran = new();

    public static void Record(string marker) => Ran[marker] = DateTimeOffset.UtcNow;
}
