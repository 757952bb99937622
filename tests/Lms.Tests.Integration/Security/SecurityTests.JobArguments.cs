using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Lms.Api.Hosting;
using Lms.Features.Common.Email;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// What Hangfire stores. Anyone who reads the dashboard or the job tables reads every job's arguments, so an e-mail job
/// carries the outbox id only: never the code, the link's token or anything else the message says.
/// </summary>
public sealed partial class SecurityTests
{
    private string JobSchema => "\"" + Factory.Schema + "_jobs\"";

    [Fact]
    public async Task No_job_row_holds_an_emailed_code_or_token_or_a_password()
    {
        var firstJob = await Scalar<long>($"select coalesce(max(id), 0) from {JobSchema}.job");
        var flows = new SecretFlows(Factory);

        await flows.EmailEveryCodeAsync();

        Assert.Equal(4, flows.Emails); // 000 register (a token), 001 sign-up and resend, 004 reset (an OTP each)
        Assert.Equal(3, flows.Codes.Count);
        Assert.Single(flows.Tokens);
        // The jobs are there (enqueued after each commit, before the response) and name the outbox id only.
        var emailJobs = await Texts(
            $"select invocationdata->>'ParameterTypes' from {JobSchema}.job where id > @first and invocationdata->>'Type' like 'Lms.Features.Common.Email.EmailJob,%'",
            firstJob);
        Assert.Equal(flows.Emails, emailJobs.Count);
        Assert.All(emailJobs, types => Assert.StartsWith("[\"System.Guid,", types, StringComparison.Ordinal));

        // Every job, with everything Hangfire keeps beside it: arguments, invocation data, parameters, states, sets, lists, hashes.
        var stored = await Texts($"""
            select id || ' ' || invocationdata::text || ' ' || arguments::text from {JobSchema}.job
            union all select jobid || ' ' || name || ' ' || coalesce(value, '') from {JobSchema}.jobparameter
            union all select jobid || ' ' || name || ' ' || coalesce(reason, '') || ' ' || coalesce(data::text, '') from {JobSchema}.state
            union all select key || ' ' || value from {JobSchema}.set
            union all select key || ' ' || coalesce(value, '') from {JobSchema}.list
            union all select key || ' ' || field || ' ' || coalesce(value, '') from {JobSchema}.hash
            """);
        Assert.NotEmpty(stored);
        foreach (var row in stored)
        {
            foreach (var code in flows.Codes) Assert.False(HoldsCode(row, code), $"a job row holds the OTP {code}: {row}");
            foreach (var secret in flows.All.Except(flows.Codes))
                Assert.False(row.Contains(secret, StringComparison.Ordinal), $"a job row holds a token, password or JWT: {row}");
        }
    }

    [Fact]
    public async Task Start_up_deletes_every_old_shape_email_job_with_its_states_and_queue_entries_and_nothing_else()
    {
        var old = new[] { await InsertOldEmailJob("Succeeded"), await InsertOldEmailJob("Scheduled"), await InsertOldEmailJob("Processing") };
        var kept = Factory.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule<EmailJob>(job => job.SendAsync(Guid.NewGuid(), CancellationToken.None), TimeSpan.FromDays(1));
        Assert.Equal(3, await Scalar<long>($"select count(*) from {JobSchema}.job where id = any(@ids)", old));

        var startup = Factory.Services.GetServices<IHostedService>().OfType<StartupWork>().Single();
        await startup.StartingAsync(CancellationToken.None);
        await startup.StartingAsync(CancellationToken.None); // idempotent: the second run finds nothing

        var texts = old.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0, await Scalar<long>($"select count(*) from {JobSchema}.job where id = any(@ids)", old));
        Assert.Equal(0, await Scalar<long>($"select count(*) from {JobSchema}.state where jobid = any(@ids)", old));
        Assert.Equal(0, await Scalar<long>($"select count(*) from {JobSchema}.jobparameter where jobid = any(@ids)", old));
        Assert.Equal(0, await Scalar<long>($"select count(*) from {JobSchema}.jobqueue where jobid = any(@ids)", old));
        Assert.Equal(0, await Scalar<long>($"select count(*) from {JobSchema}.set where value = any(@ids)", texts));
        Assert.Equal(0, await Scalar<long>($"select count(*) from {JobSchema}.list where value = any(@ids)", texts));
        Assert.Equal(0, await Scalar<long>(
            $"select count(*) from {JobSchema}.job where strpos(invocationdata::text || arguments::text, @code) > 0", OldCode));
        // A job of the current shape stays, and the outbox purge is scheduled.
        Assert.Equal(1, await Scalar<long>($"select count(*) from {JobSchema}.job where id = @id", long.Parse(kept, System.Globalization.CultureInfo.InvariantCulture)));
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var purge = Assert.Single(connection.GetRecurringJobs(), r => r.Id == EmailJobsStartup.PurgeJobId);
        Assert.Equal(EmailJobsStartup.PurgeSchedule, purge.Cron);
        Assert.Equal(nameof(EmailJob.PurgeExpiredAsync), purge.Job.Method.Name);
        // Harmless where Hangfire has no tables yet.
        Assert.Equal(0, await EmailJobsStartup.PurgeLegacyJobsAsync(LmsApiFactory.ConnectionString, Factory.Schema + "_nothing_here", CancellationToken.None));
    }

    private const string OldCode = "482913";

    private static readonly string[] OldParameterTypes =
        ["Lms.Features.Common.Email.EmailMessage, Lms.Features", "System.Threading.CancellationToken, mscorlib"];

    /// <summary>
    /// A job as the old code left it (rows copied from a real run): <c>EmailJob.SendAsync(EmailMessage, CancellationToken)</c>
    /// with the rendered message, code in subject and body, in both the invocation data and the arguments; its parameter,
    /// its Enqueued state and then <paramref name="state"/> with what Hangfire keeps for it (queue entry, schedule and
    /// retry sets, succeeded list). A processing job's queue entry is fetched, so this host's worker leaves it alone.
    /// </summary>
    private async Task<long> InsertOldEmailJob(string state)
    {
        var message = JsonSerializer.Serialize(new
        {
            To = "old@example.com", Subject = $"Your verification code: {OldCode}",
            Text = $"Hello Old,\n\nYour verification code is {OldCode}. It expires in 10 minutes.",
            Html = $"<!doctype html><html><body><p>Your verification code is <strong>{OldCode}</strong>.</p></body></html>",
        });
        var arguments = JsonSerializer.Serialize(new[] { message, null });
        var invocation = JsonSerializer.Serialize(new
        {
            Type = "Lms.Features.Common.Email.EmailJob, Lms.Features",
            Method = "SendAsync",
            Arguments = arguments,
            ParameterTypes = JsonSerializer.Serialize(OldParameterTypes),
        });

        await using var conn = new NpgsqlConnection(LmsApiFactory.ConnectionString);
        await conn.OpenAsync();
        var s = JobSchema;
        await using var cmd = new NpgsqlCommand($$"""
            with job as (
                insert into {{s}}.job (invocationdata, arguments, createdat, expireat)
                values (@invocation::jsonb, @arguments::jsonb, now(), case when @state = 'Succeeded' then now() + interval '1 day' end)
                returning id),
            parameter as (insert into {{s}}.jobparameter (jobid, name, value) select id, 'CurrentCulture', '""' from job),
            enqueued as (insert into {{s}}.state (jobid, name, createdat, data) select id, 'Enqueued', now(), '{"Queue": "default"}' from job)
            select id from job
            """, conn);
        cmd.Parameters.AddWithValue("invocation", invocation);
        cmd.Parameters.AddWithValue("arguments", arguments);
        cmd.Parameters.AddWithValue("state", state);
        var id = (long)(await cmd.ExecuteScalarAsync())!;

        await using var final = new NpgsqlCommand($$"""
            with st as (insert into {{s}}.state (jobid, name, reason, createdat, data) values (@id, @state, @reason, now(), '{}') returning id)
            update {{s}}.job set stateid = (select id from st), statename = @state where id = @id;
            insert into {{s}}.set (key, score, value) select 'schedule', extract(epoch from now() + interval '1 day'), @text where @state = 'Scheduled';
            insert into {{s}}.set (key, score, value) select 'retries', 0, @text where @state = 'Scheduled';
            insert into {{s}}.list (key, value) select 'succeeded', @text where @state = 'Succeeded';
            insert into {{s}}.jobqueue (jobid, queue, fetchedat) select @id, 'default', now() where @state = 'Processing';
            """, conn);
        final.Parameters.AddWithValue("id", id);
        final.Parameters.AddWithValue("text", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        final.Parameters.AddWithValue("state", state);
        final.Parameters.Add(new NpgsqlParameter("reason", NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = state == "Scheduled" ? "Retry attempt 1 of 5: SMTP down" : DBNull.Value,
        });
        await final.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>A 6-digit code as a number of its own (not a run inside a timestamp, a GUID or a hash).</summary>
    private static bool HoldsCode(string text, string code) =>
        Regex.IsMatch(text, $"(?<![0-9A-Za-z]){code}(?![0-9A-Za-z])");

    private static async Task<T> Scalar<T>(string sql, object? parameter = null)
    {
        await using var conn = new NpgsqlConnection(LmsApiFactory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        AddParameter(cmd, sql, parameter);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> Texts(string sql, object? parameter = null)
    {
        await using var conn = new NpgsqlConnection(LmsApiFactory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        AddParameter(cmd, sql, parameter);
        var texts = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return texts;
    }

    private static void AddParameter(NpgsqlCommand cmd, string sql, object? parameter)
    {
        if (parameter is null) return;
        var name = Regex.Match(sql, @"@(\w+)").Groups[1].Value;
        cmd.Parameters.AddWithValue(name, parameter);
    }
}
