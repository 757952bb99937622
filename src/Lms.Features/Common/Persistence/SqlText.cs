using System.Text;

namespace Lms.Features.Common.Persistence;

/// <summary>
/// A hot read's SQL, written with its arguments in order (Marten's <c>?</c> placeholders), for
/// <c>session.AdvancedSql</c>: the one-statement reads of the fast pattern (README, "How to add a slice"). Every such
/// statement names the session's client: <see cref="Table{T}"/> gives the table and <see cref="Tenant"/> the filter.
/// </summary>
public sealed class SqlText(IQuerySession session)
{
    private readonly StringBuilder _sql = new();
    private readonly List<object> _args = [];

    /// <summary>Marten's table for a document type (schema-qualified).</summary>
    public string Table<T>() => session.DocumentStore.Options.Schema.For<T>();

    /// <summary>Marten's schema (where its functions, such as <c>mt_immutable_timestamptz</c>, live).</summary>
    public string Schema => session.DocumentStore.Options.DatabaseSchemaName;

    /// <summary>Newest first by a date-time member, ties by id: the order of the fast lists (and of their indexes).</summary>
    public string NewestFirst(string alias, string member) =>
        $"{Schema}.mt_immutable_timestamptz({alias}.data ->> '{member}') desc, {alias}.id desc";

    /// <summary>
    /// The count that goes with an empty page (the one-statement list returns it only with rows): the first page of
    /// nothing counts nothing; a page past the end still reports the count.
    /// </summary>
    public static async Task<long> CountForEmptyPageAsync(IQuerySession session, SqlText count, Paging.PageQuery page, CancellationToken ct)
    {
        if (page.Page == 1) return 0;
        var alone = new SqlText(session).Add("select (").Add(count).Add(")");
        return (await session.AdvancedSql.QueryAsync<long>(alone.Sql, ct, alone.Args))[0];
    }

    /// <summary><c>alias.tenant_id = ?</c> for the session's client.</summary>
    public SqlText Tenant(string alias) => Add($"{alias}.tenant_id = ?", session.TenantId);

    /// <summary>Appends SQL whose <c>?</c> placeholders take <paramref name="args"/>, in order.</summary>
    public SqlText Add(string sql, params object[] args)
    {
        if (sql.Count(c => c == '?') != args.Length) throw new ArgumentException("One argument per placeholder.", nameof(args));
        _sql.Append(sql);
        _args.AddRange(args);
        return this;
    }

    /// <summary>Appends another piece (its SQL and its arguments).</summary>
    public SqlText Add(SqlText other)
    {
        _sql.Append(other._sql);
        _args.AddRange(other._args);
        return this;
    }

    /// <summary>
    /// <c>limit n offset m</c> written as numbers, not parameters: with parameters PostgreSQL's generic plan guesses
    /// the page at a tenth of the table, so it keeps planning the statement afresh on every execution (2.5–3.3 ms at
    /// 100k courses, more than the query). Both are validated integers (PageQuery), and few distinct pages are hot.
    /// </summary>
    public static string LimitOffset(int limit, int offset) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"limit {limit} offset {offset}");

    /// <summary>An ILIKE pattern matching <paramref name="term"/> anywhere, with its wildcards escaped.</summary>
    public static string Contains(string term) =>
        "%" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    public string Sql => _sql.ToString();

    public object[] Args => [.. _args];
}
