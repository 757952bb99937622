using Hangfire;
using Npgsql;

namespace Lms.Features.Common.Email;

/// <summary>
/// Start-up upkeep of the e-mail jobs, run before the Hangfire server takes work. It deletes the jobs of the old shape,
/// <c>EmailJob.SendAsync(EmailMessage, …)</c>, whose arguments held the whole rendered message with its code or link
/// (they could not run any more either), and it schedules <see cref="EmailJob.PurgeExpiredAsync"/>. Both are idempotent:
/// on a fresh database, or on the second start, there is nothing to delete and the schedule is only rewritten.
/// </summary>
public sealed class EmailJobsStartup(JobStorage storage, IRecurringJobManager recurring, ILogger<EmailJobsStartup> logger)
{
    /// <summary>What an old job's invocation data names among its parameter types.</summary>
    public const string LegacyArgumentType = "Lms.Features.Common.Email.EmailMessage";

    public const string PurgeJobId = "email-outbox-purge";

    /// <summary>Hourly: a row expires with its code (minutes for an OTP), so an hour bounds how long a dead row stays.</summary>
    public static readonly string PurgeSchedule = Cron.Hourly();

    public async Task RunAsync(string connectionString, string hangfireSchema, CancellationToken ct)
    {
        // Resolving the storage has prepared Hangfire's tables, so the purge below finds them even on a fresh database.
        _ = storage;
        var removed = await PurgeLegacyJobsAsync(connectionString, hangfireSchema, ct);
        if (removed > 0) logger.LogWarning("Deleted {Count} e-mail job(s) of the old shape, which carried the message in their arguments", removed);
        recurring.AddOrUpdate<EmailJob>(PurgeJobId, job => job.PurgeExpiredAsync(CancellationToken.None), PurgeSchedule);
    }

    /// <summary>
    /// Deletes every job whose parameter types name <see cref="LegacyArgumentType"/>, with everything that refers to it,
    /// in one transaction: the queue entries (no foreign key), the schedule and retry sets and the succeeded/deleted lists
    /// (job ids as text), then states and parameters (foreign keys, deleted explicitly rather than by cascade), then the
    /// job rows. Returns how many jobs went.
    /// </summary>
    public static async Task<int> PurgeLegacyJobsAsync(string connectionString, string hangfireSchema, CancellationToken ct)
    {
        var schema = "\"" + hangfireSchema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("select to_regclass(@job) is not null", conn))
        {
            exists.Parameters.AddWithValue("job", schema + ".\"job\"");
            if (await exists.ExecuteScalarAsync(ct) is not true) return 0;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        long[] ids;
        await using (var select = new NpgsqlCommand(
                         $"select id from {schema}.\"job\" where strpos(coalesce(invocationdata->>'ParameterTypes', ''), @type) > 0 for update",
                         conn, tx))
        {
            select.Parameters.AddWithValue("type", LegacyArgumentType + ",");
            var found = new List<long>();
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) found.Add(reader.GetInt64(0));
            ids = [.. found];
        }
        if (ids.Length == 0) return 0;

        string[] statements =
        [
            $"delete from {schema}.\"jobqueue\" where jobid = any(@ids)",
            $"delete from {schema}.\"set\" where key in ('schedule', 'retries') and value = any(@texts)",
            $"delete from {schema}.\"list\" where key in ('succeeded', 'deleted') and value = any(@texts)",
            $"delete from {schema}.\"state\" where jobid = any(@ids)",
            $"delete from {schema}.\"jobparameter\" where jobid = any(@ids)",
            $"delete from {schema}.\"job\" where id = any(@ids)",
        ];
        var texts = ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var sql in statements)
        {
            await using var delete = new NpgsqlCommand(sql, conn, tx);
            if (sql.Contains("@ids", StringComparison.Ordinal)) delete.Parameters.AddWithValue("ids", ids);
            if (sql.Contains("@texts", StringComparison.Ordinal)) delete.Parameters.AddWithValue("texts", texts);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return ids.Length;
    }
}
