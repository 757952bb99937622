using System.Globalization;
using Npgsql;

namespace Lms.Features.Common.Persistence;

/// <summary>
/// A document table whose rows PostgreSQL counts as they change, grouped by the client (tenant) and some of the
/// document's members: a page envelope's <c>count</c> is then one indexed row lookup instead of a scan of every matching
/// row (a catalog of 100k courses counts in the same time as one of 12). A schema class declares it next to its feature.
/// </summary>
/// <param name="Document">The document type; its table is Marten's <c>mt_doc_&lt;alias&gt;</c>.</param>
/// <param name="Members">The JSON members counted by, as stored (for example <c>Status</c>, <c>Level</c>); at most four.</param>
public sealed record CountedDocument(Type Document, params string[] Members);

/// <summary>Implemented by the schema classes that declare maintained counts (found by AddLmsMarten).</summary>
public interface IMaintainCounts
{
    CountedDocument Counts { get; }
}

/// <summary>
/// Creates and reads the counts. Each counted table gets <c>mt_counts_&lt;alias&gt;</c> (tenant_id, k0…, n) and two
/// triggers on the document table: one per row (insert, update, delete, including COPY from Marten's bulk insert) and
/// one for TRUNCATE. Counts therefore cannot drift from the rows, whatever writes them. Concurrent writers lock the count
/// rows they change in key order, so two status changes in opposite directions cannot deadlock each other.
/// </summary>
public sealed class MaintainedCounts(IDocumentStore store, IEnumerable<IMaintainCounts> declarations)
{
    private readonly CountedDocument[] _counted = declarations.Select(d => d.Counts).ToArray();

    /// <summary>
    /// Creates (or brings up to date) the count tables and triggers, and fills a new table from the rows already there.
    /// Idempotent; runs at start-up after Marten's schema, under an advisory lock so two instances do not race.
    /// </summary>
    public async Task ApplyAsync(CancellationToken ct)
    {
        if (_counted.Length == 0) return;
        var connectionString = store.Options.Tenancy.Default.Database.CreateConnection().ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('lms.maintained_counts'))", connection, tx))
            await lockCommand.ExecuteNonQueryAsync(ct);
        foreach (var counted in _counted)
        {
            var sql = Sql(counted);
            await using var check = new NpgsqlCommand(
                "select obj_description(to_regclass(@table), 'pg_class') is not distinct from @version", connection, tx);
            check.Parameters.AddWithValue("table", sql.Table);
            check.Parameters.AddWithValue("version", sql.Version);
            if (await check.ExecuteScalarAsync(ct) is true) continue;
            await using var apply = new NpgsqlCommand(sql.Create, connection, tx);
            await apply.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Appends a scalar subquery: the number of <typeparamref name="T"/> rows of the session's client whose first
    /// counted member is one of <paramref name="first"/> and, when given, whose second is <paramref name="second"/>.
    /// </summary>
    public static SqlText AddCount<T>(SqlText sql, IQuerySession session, string[] first, string? second = null)
    {
        sql.Add($"(select coalesce(sum(n), 0)::bigint from {TableName(session.DocumentStore, typeof(T))} where tenant_id = ? and k0 = any(?)",
            session.TenantId, first);
        if (second is not null) sql.Add(" and k1 = ?", second);
        return sql.Add(")");
    }

    /// <summary>The count table of a counted document type.</summary>
    public static string TableName(IDocumentStore store, Type document) => store.Options.Schema.For(document).Replace(".mt_doc_", ".mt_counts_", StringComparison.Ordinal);

    private (string Table, string Version, string Create) Sql(CountedDocument counted)
    {
        if (counted.Members.Length is 0 or > 4) throw new InvalidOperationException("A counted document has one to four members.");
        if (counted.Members.Any(m => !m.All(char.IsAsciiLetterOrDigit))) throw new InvalidOperationException("Counted members are plain names.");
        var docTable = store.Options.Schema.For(counted.Document);
        var table = TableName(store, counted.Document);
        var name = table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var schema = table[..table.IndexOf('.', StringComparison.Ordinal)];
        var keys = counted.Members.Select((_, i) => "k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        string Values(string row) => string.Join(", ", counted.Members.Select(m => $"coalesce({row}.data ->> '{m}', '')"));
        string Match(string row) => string.Join(" and ", keys.Select((k, i) => $"{k} = coalesce({row}.data ->> '{counted.Members[i]}', '')"));
        var keyList = string.Join(", ", keys);
        var version = "lms counts v1: " + string.Join(",", counted.Members);
        var increment = $"insert into {table} (tenant_id, {keyList}, n) values (new.tenant_id, {Values("new")}, 1) " +
                        $"on conflict (tenant_id, {keyList}) do update set n = {name}.n + 1;";
        var decrement = $"update {table} set n = n - 1 where tenant_id = old.tenant_id and {Match("old")};";
        var create = $"""
            drop table if exists {table};
            create table {table} (tenant_id varchar not null, {string.Join(", ", keys.Select(k => k + " text not null"))}, n bigint not null,
                primary key (tenant_id, {keyList}));
            comment on table {table} is '{version}';
            create or replace function {schema}.{name}_rows() returns trigger language plpgsql as $body$
            begin
                if tg_op = 'INSERT' then
                    {increment}
                elsif tg_op = 'DELETE' then
                    {decrement}
                elsif (old.tenant_id, {Values("old")}) is distinct from (new.tenant_id, {Values("new")}) then
                    -- Lock the two count rows in key order: opposite moves in two transactions cannot deadlock.
                    if (old.tenant_id, {Values("old")}) < (new.tenant_id, {Values("new")}) then
                        {decrement}
                        {increment}
                    else
                        {increment}
                        {decrement}
                    end if;
                end if;
                return null;
            end $body$;
            create or replace function {schema}.{name}_truncate() returns trigger language plpgsql as $body$
            begin
                delete from {table};
                return null;
            end $body$;
            lock table {docTable} in share row exclusive mode;
            create or replace trigger {name}_rows after insert or update or delete on {docTable}
                for each row execute function {schema}.{name}_rows();
            create or replace trigger {name}_truncate after truncate on {docTable}
                for each statement execute function {schema}.{name}_truncate();
            insert into {table} (tenant_id, {keyList}, n)
                select tenant_id, {Values("d")}, count(*) from {docTable} d group by 1{string.Concat(keys.Select((_, i) => ", " + (i + 2).ToString(CultureInfo.InvariantCulture)))};
            """;
        return (table, version, create);
    }
}
