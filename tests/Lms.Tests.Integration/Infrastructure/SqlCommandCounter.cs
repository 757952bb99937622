using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// Counts the SQL round trips one HTTP request causes, with no change to the app. Npgsql starts one <see cref="Activity"/>
/// (source "Npgsql", kind Client) per command or batch it sends, so one Marten batch is one round trip; ASP.NET Core's
/// hosting activity continues the W3C <c>traceparent</c> the request carries. Each measured request gets a fresh trace
/// id, and only Npgsql activities of that trace are counted: the test hosts that run in parallel in this process (and
/// their Hangfire pollers) have other traces, so they never add to a count. Activities of other traces are not sampled.
/// </summary>
public static class Sql
{
    private const string Npgsql = "Npgsql";
    private const string Hosting = "Microsoft.AspNetCore";

    private static readonly ConcurrentDictionary<ActivityTraceId, Trace> Traces = new();

    // One listener for the process, started on first use; it only records traces that a measurement registered.
    private static readonly ActivityListener Listener = Listen();

    /// <summary>A measured request: its response, the round trips it sent, the statements (for failure messages).</summary>
    public sealed record Measured(HttpResponseMessage Response, int Commands, IReadOnlyList<string> Statements);

    /// <summary>Sends the request with a fresh trace and returns its response and the SQL round trips it caused.</summary>
    public static async Task<Measured> CountAsync(HttpClient client, HttpRequestMessage request)
    {
        GC.KeepAlive(Listener);
        var traceId = ActivityTraceId.CreateRandom();
        var trace = new Trace();
        Traces[traceId] = trace;
        try
        {
            request.Headers.Remove("traceparent");
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (Volatile.Read(ref trace.Requests) == 0)
            {
                throw new InvalidOperationException(
                    "the request's traceparent did not reach ASP.NET Core's hosting activity, so its SQL cannot be told apart: " +
                    $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}");
            }
            return new Measured(response, Volatile.Read(ref trace.Commands), [.. trace.Statements]);
        }
        finally
        {
            Traces.TryRemove(traceId, out _);
        }
    }

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is Npgsql or Hosting,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                Traces.ContainsKey(options.Parent.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            // Counted when started: every command of the request has started before its response is written.
            ActivityStarted = activity =>
            {
                if (!Traces.TryGetValue(activity.TraceId, out var trace)) return;
                if (activity.Source.Name == Hosting) Interlocked.Increment(ref trace.Requests);
                else if (activity.Kind == ActivityKind.Client) Interlocked.Increment(ref trace.Commands);
            },
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != Npgsql || !Traces.TryGetValue(activity.TraceId, out var trace)) return;
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
                trace.Statements.Enqueue(text as string ?? activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private sealed class Trace
    {
        public int Requests;
        public int Commands;
        public readonly ConcurrentQueue<string> Statements = new();
    }
}

/// <summary>
/// The "no N+1 by construction" guard for a list route: the SQL round trips of one request stay the same when the rows
/// it lists triple. A handler that loads related data per row (each course's instructor, each enrollment's course …)
/// sends more commands for more rows and fails here with both counts and the statements.
/// </summary>
public static class NoNPlusOne
{
    /// <summary>The counts of the last guard, per route, for the issue note (read from the test output).</summary>
    public sealed record Result(int Rows, int Commands, int MoreRows, int MoreCommands, int Listed, int MoreListed)
    {
        public override string ToString() =>
            $"{Rows} rows: {Commands} commands ({Listed} listed); {MoreRows} rows: {MoreCommands} commands ({MoreListed} listed)";
    }

    /// <summary>
    /// Calls <paramref name="seed"/> for rows <c>0 … rows-1</c>, sends the request once unmeasured (first use of a
    /// document type checks its schema, 001's feature catalogue is written on first read), measures it, seeds rows
    /// <c>rows … 3·rows-1</c>, measures again, and asserts the two counts are equal. The response must be 200 both
    /// times and list more items the second time (an array, or an object's <c>results</c>), so rows the caller cannot
    /// see do not pass for a flat count.
    /// </summary>
    public static async Task<Result> AssertAsync(HttpClient client, Func<HttpRequestMessage> request, Func<int, Task> seed, int rows = 2)
    {
        for (var i = 0; i < rows; i++) await seed(i);
        await Sql.CountAsync(client, request());
        var first = await Sql.CountAsync(client, request());
        var listed = await Listed(first, request);

        for (var i = rows; i < 3 * rows; i++) await seed(i);
        var second = await Sql.CountAsync(client, request());
        var moreListed = await Listed(second, request);

        var route = $"{request().Method} {request().RequestUri}";
        Assert.True(moreListed > listed,
            $"{route} listed {listed} items with {rows} rows seeded and {moreListed} with {3 * rows}: the seeded rows must be visible to the caller");
        Assert.True(first.Commands > 0, $"{route} sent no SQL: the counter is not seeing this request's commands");
        Assert.True(first.Commands == second.Commands,
            $"N+1 on {route}: {first.Commands} SQL round trips with {rows} rows, {second.Commands} with {3 * rows} rows. " +
            "Load the page's related data in one query (LoadManyAsync over the page's ids), not once per row.\n" +
            $"statements with {3 * rows} rows:\n" + string.Join("\n", second.Statements.Select(s => "  " + OneLine(s))));
        return new Result(rows, first.Commands, 3 * rows, second.Commands, listed, moreListed);
    }

    private static async Task<int> Listed(Sql.Measured measured, Func<HttpRequestMessage> request)
    {
        var text = await measured.Response.Content.ReadAsStringAsync();
        Assert.True(measured.Response.IsSuccessStatusCode,
            $"{request().Method} {request().RequestUri} answered {(int)measured.Response.StatusCode}: {text}");
        return JsonNode.Parse(text) switch
        {
            JsonArray array => array.Count,
            JsonObject o when o["results"] is JsonArray results => results.Count,
            var other => throw new InvalidOperationException($"not a list (no array, no \"results\"): {other?.ToJsonString()}"),
        };
    }

    private static readonly char[] Whitespace = ['\n', '\r', '\t'];

    private static string OneLine(string sql)
    {
        var line = string.Join(' ', sql.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
