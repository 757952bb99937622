using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lms.Features.Common.Surfaces;
using Lms.Features.Courses;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// The hostile-input sweep over every mapped write route (POST, PUT, PATCH with a <see cref="DocumentSurface"/>),
/// discovered from the host's endpoints. Bodies come from tables keyed by field name (from the route's request type)
/// with fallbacks by the field's type, route values from a table keyed by parameter name, so a new route is swept
/// without editing any list. Each route is swept anonymously and, when anonymous callers are refused, as the first of
/// admin, teacher and student that gets past authorization.
/// </summary>
public sealed class HostileSweep(LmsApiFactory factory)
{
    /// <summary>Set once a sweep has finished, so the declared-status check knows its observations are in.</summary>
    public static bool HasRun => Volatile.Read(ref _hasRun);

    private static bool _hasRun;

    private const string TeacherUsername = "hostteacher";
    private const string Password = "Sturdy-Pass-2026";
    private static readonly string Huge = new('x', 100_000);

    /// <summary>What one sweep did; <c>SuccessfulWrites</c> counts accepted bodies whose write the table snapshot saw.</summary>
    public sealed record Report(IReadOnlyList<string> Routes, int Requests, int SuccessfulWrites, IReadOnlyList<string> Failures, TimeSpan Elapsed);

    /// <summary>A route and method to sweep, with its documents and request body type.</summary>
    public sealed record WriteRoute(RouteEndpoint Endpoint, string Method, ApiDocument Documents, Type? BodyType)
    {
        public string Template => Endpoint.RoutePattern.RawText ?? "";
        public override string ToString() => $"{Method} {Template}";
    }

    /// <summary>Every write route the host maps, in a stable order.</summary>
    public static IReadOnlyList<WriteRoute> WriteRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DocumentSurface>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH")
                .Select(m => new WriteRoute(e, m, e.Metadata.GetMetadata<DocumentSurface>()!.Documents,
                    e.Metadata.OfType<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(t => t is not null))))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    public async Task<Report> RunAsync()
    {
        var started = DateTime.UtcNow;
        var data = await ArrangeAsync();
        var json = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var writes = new DocumentTables(factory.Schema);
        var failures = new List<string>();
        var routes = WriteRoutes(factory.Services);
        var requests = 0;
        var successfulWrites = 0;

        foreach (var route in routes)
        {
            var path = FillRoute(route.Endpoint.RoutePattern, data);
            var key = StatusRecorder.RouteOf(route.Endpoint)!;
            var seenBefore = Observations(key);
            var bodies = Bodies(route, json);
            var declared = StatusRecorder.DeclaredStatuses(route.Endpoint);

            // Anonymous first; when refused, the first signed-in caller that gets past authorization.
            var anonymous = await SendAsync(data.Anonymous, route, path, Body.Json("{}"));
            requests++;
            var refused = (int)anonymous.StatusCode is 401 or 403;
            var callers = new List<(string Name, HttpClient Client, IReadOnlyList<Body> Bodies)>();
            if (refused)
            {
                callers.Add(("anonymous", data.Anonymous, Generic(route, json)));
                string? reaching = null;
                foreach (var (name, client) in data.SignedIn)
                {
                    var probe = await SendAsync(client, route, path, Body.Json("{}"));
                    requests++;
                    if ((int)probe.StatusCode is 401 or 403) continue;
                    reaching = name;
                    callers.Add((name, client, bodies));
                    break;
                }
                if (reaching is null) failures.Add($"{route}: no caller (admin, teacher, student) gets past authorization");
            }
            else
            {
                callers.Add(("anonymous", data.Anonymous, bodies));
            }

            foreach (var (name, client, list) in callers)
            {
                var before = await writes.SnapshotAsync();
                foreach (var body in list)
                {
                    var response = await SendAsync(client, route, path, body);
                    requests++;
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync();
                    var where = $"{route} as {name} <{Shorten(body.Text)}> -> {status} {Shorten(text)}";
                    // 503 is an answer only where the route declares it (a service this host does not configure).
                    if (status >= 500 && !(status == 503 && declared.Contains(503))) failures.Add(where);
                    // Routing answers a media type the route does not accept (415) before authentication.
                    else if (refused && name == "anonymous" && status is not (401 or 403 or 415)) failures.Add($"{where}: anonymous not refused");
                    else if (status >= 400 && ErrorFormatProblem(route.Documents, text) is { } problem) failures.Add($"{where}: {problem}");

                    var after = await writes.SnapshotAsync();
                    var changed = DocumentTables.Changed(before, after);
                    if (status >= 400 && changed.Count > 0) failures.Add($"{where}: wrote {string.Join(", ", changed)} although it failed");
                    if (status < 400 && changed.Count > 0) successfulWrites++;
                    before = after;
                }
            }

            // The sweep must reach the route, not a routing 404/405: the recorder saw this endpoint answer.
            if (Observations(key) == seenBefore) failures.Add($"{route}: never routed (sent to {path})");
        }

        Volatile.Write(ref _hasRun, true);
        return new Report(routes.Select(r => r.ToString()).ToList(), requests, successfulWrites, failures, DateTime.UtcNow - started);
    }

    private static int Observations(StatusRecorder.Route key) =>
        StatusRecorder.Observed.Where(o => o.Key.Route == key).Sum(o => o.Value);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, WriteRoute route, string path, Body body)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path)
        {
            Content = new StringContent(body.Text, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        return await client.SendAsync(request);
    }

    // ---- error format ---------------------------------------------------------------------------------------------

    /// <summary>Why an error body is not in the format of the route's documents, or null when it is.</summary>
    public static string? ErrorFormatProblem(ApiDocument documents, string text)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return "not JSON";
        }
        if (body is null || body.Count == 0) return "not a JSON object with keys";
        if (documents.HasFlag(ApiDocument.Doc003) &&
            !(body["success"] is JsonValue s && s.GetValueKind() == JsonValueKind.False && IsString(body["message"]) &&
              IsString(body["error_code"]) && body["details"] is JsonObject))
            return "not 003's {success:false, message, error_code, details}";
        if (documents.HasFlag(ApiDocument.Doc004) && !IsString(body["error"]))
            return "not 004's {error, …}";
        if ((documents & (ApiDocument.Doc000 | ApiDocument.Doc001 | ApiDocument.Doc002)) != 0 && !IsString(body["detail"]) &&
            !body.Any(p => p.Value is JsonArray or JsonObject && p.Key is not ("details" or "field_errors")))
            return "not DRF's {detail} or {field: [messages]}";
        return null;
    }

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    // ---- bodies ---------------------------------------------------------------------------------------------------

    public sealed record Body(string Text, string ContentType)
    {
        public static Body Json(string text) => new(text, "application/json");
    }

    /// <summary>Bodies that need no knowledge of the route: broken JSON, the wrong JSON kinds, other media types.</summary>
    private static IReadOnlyList<Body> Generic(WriteRoute route, JsonSerializerOptions json)
    {
        var first = Fields(route.BodyType, json).Select(f => f.Name).FirstOrDefault() ?? "name";
        return
        [
            Body.Json(""), Body.Json("null"), Body.Json("[]"), Body.Json("\"text\""), Body.Json("123"), Body.Json("true"),
            Body.Json("{"), Body.Json("{}}"), Body.Json("{\"a\":}"), Body.Json("{\"__proto__\": {}}"),
            Body.Json("{\"no_such_field\": 1}"), Body.Json(new string('[', 200) + new string(']', 200)),
            Body.Json($"{{\"{first}\": \"t\", \"{first}\": \"u\"}}"), Body.Json("{\"" + Huge + "\": 1}"),
            new("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb", "multipart/form-data; boundary=x"),
            new("garbage", "multipart/form-data"), new("%%%=&&=%zz", "application/x-www-form-urlencoded"),
            new("hello", "text/plain"),
        ];
    }

    /// <summary>The generic bodies, then one body per hostile value of each field the route's request type has.</summary>
    private static List<Body> Bodies(WriteRoute route, JsonSerializerOptions json)
    {
        var fields = Fields(route.BodyType, json);
        var bodies = new List<Body>(Generic(route, json));
        if (fields.Count > 0) bodies.Add(Body.Json("{" + string.Join(", ", fields.Select(f => $"\"{f.Name}\": null")) + "}"));
        foreach (var (name, type) in fields)
        {
            foreach (var value in ValuesFor(name, type).Distinct(StringComparer.Ordinal)) bodies.Add(Body.Json($"{{\"{name}\": {value}}}"));
        }
        return bodies;
    }

    /// <summary>The JSON properties of a request body type, as the app's serializer names them.</summary>
    private static List<(string Name, Type Type)> Fields(Type? bodyType, JsonSerializerOptions json)
    {
        if (bodyType is null) return [];
        System.Text.Json.Serialization.Metadata.JsonTypeInfo info;
        try
        {
            info = json.GetTypeInfo(bodyType);
        }
        catch (NotSupportedException)
        {
            return []; // a type the serializer cannot describe: the generic bodies still apply
        }
        return info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
            ? info.Properties.Select(p => (p.Name, p.PropertyType)).ToList()
            : [];
    }

    /// <summary>Hostile values for a field: those its name calls for (any word of it), then those of its type.</summary>
    public static IEnumerable<string> ValuesFor(string field, Type type)
    {
        var words = field.Split('_').Select(w => w.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')).Append(field);
        foreach (var word in words)
        {
            if (ByName.TryGetValue(word, out var values))
                foreach (var v in values) yield return v;
        }
        foreach (var v in ByType(Nullable.GetUnderlyingType(type) ?? type)) yield return v;
    }

    private static readonly Dictionary<string, string[]> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = ["\"not-an-email\"", "\"" + new string('a', 10_000) + "@x.io\"", "\"a\\u0000@b.co\"", "[\"a@b.co\"]", "\"a@b.co\\n\""],
        ["password"] = ["\"\"", "\"12345678\"", "[\"a\"]", "{\"a\": 1}", "\"" + Huge + "\""],
        ["username"] = ["\"a\\ud800b\"", "\"a@b.co\"", "\"p\u0430ypal\"", "\"a\\u0000b\"", "\"\u200b\""],
        ["phone"] = ["\"+++\"", "\"" + new string('9', 300) + "\"", "123"],
        ["otp"] = ["123456", "\"1\\u0000\"", "\"" + Huge + "\"", "\"12345\""],
        ["code"] = ["123456", "\"1\\u0000\""],
        ["refresh"] = ["\"not.a.jwt\"", "12", "\"\\u0000\""],
        ["token"] = ["\"not.a.jwt\"", "12", "\"\\u0000\"", "\"" + Huge + "\""],
        ["type"] = ["\"admin\"", "\"superuser\""],
        ["role"] = ["\"admin\"", "\"superuser\""],
        ["status"] = ["\"COMPLETED\"", "\"published\"", "1"],
        ["level"] = ["\"beginner,advanced\""],
        ["price"] = ["-1", "1e30", "\"free\""],
        ["date"] = ["\"2026-02-30\"", "\"99999-01-01\""],
        ["birth"] = ["\"2026-02-30\"", "\"99999-01-01\""],
        ["ids"] = ["\"1,2\"", "[1e400]", "[-9223372036854775809]"],
        ["settings"] = ["\"not an object\"", new string('[', 100) + new string(']', 100)],
        ["slug"] = ["\"not a slug!\"", "\"\\u0000\""],
        ["avatar"] = ["\"data:image/png;base64,AAAA\"", "123"],
        ["logo"] = ["\"data:image/png;base64,AAAA\"", "123"],
        ["user"] = ["{\"first_name\": 1}", "{\"is_staff\": true}", "\"me\""],
    };

    private static IEnumerable<string> ByType(Type type)
    {
        if (type == typeof(string)) return ["\"" + Huge + "\"", "\"\\u0000\"", "\"a\\ud800b\"", "12", "[]", "{}"];
        if (type == typeof(long) || type == typeof(int) || type == typeof(short))
            return ["\"abc\"", "1e400", "-9223372036854775809", "9223372036854775807", "-1", "1.5", "[1]", "{\"id\": 1}", "\"1\""];
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return ["\"abc\"", "1e400", "-1", "[]"];
        if (type == typeof(bool)) return ["\"maybe\"", "2", "[]"];
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return ["\"2026-02-30\"", "\"99999-01-01\"", "0"];
        if (type == typeof(Guid)) return ["\"not-a-uuid\"", "1"];
        if (typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string))
            return ["\"1,2\"", "[1e400]", "[null]", "{}", new string('[', 100) + new string(']', 100)];
        // Objects, JSON elements, files: the wrong kinds and deep nesting.
        return ["\"not an object\"", "[]", "{\"__proto__\": {}}", new string('[', 100) + new string(']', 100), "\"\\u0000\""];
    }

    // ---- route values ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Route values by parameter name (an <c>id</c> by the segment before it), falling back by constraint to an unknown
    /// id, so a route with a new parameter is still swept (and answers its own 404).
    /// </summary>
    private static string FillRoute(RoutePattern pattern, Arranged data)
    {
        var path = new StringBuilder();
        string? previous = null;
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                if (part is RoutePatternLiteralPart literal)
                {
                    path.Append(literal.Content);
                    previous = literal.Content;
                }
                else if (part is RoutePatternParameterPart parameter)
                {
                    path.Append(Uri.EscapeDataString(ValueFor(parameter, previous, data)));
                }
            }
        }
        if (pattern.RawText?.EndsWith('/') ?? false) path.Append('/');
        return path.ToString();
    }

    private static string ValueFor(RoutePatternParameterPart parameter, string? previous, Arranged data)
    {
        var key = parameter.Name == "id" && previous is not null ? $"{previous}/{{id}}" : parameter.Name;
        if (data.RouteValues.TryGetValue(key, out var value)) return value;
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Contains("guid")) return "6f1c0000-0000-4000-8000-000000000000";
        if (constraints.Contains("long") || constraints.Contains("int")) return "987654321";
        return "nobody";
    }

    // ---- arrangement ----------------------------------------------------------------------------------------------

    private sealed record Arranged(HttpClient Anonymous, IReadOnlyList<(string Name, HttpClient Client)> SignedIn,
        IReadOnlyDictionary<string, string> RouteValues);

    /// <summary>Existing data the route values point at: a 004 teacher with a joined student, a course, a progress record.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var anonymous = Client(null);
        await Expect(anonymous.PostAsync("/api/teacher/teacher-register/", JsonBody(new
        {
            first_name = "Host", last_name = "Teacher", username = TeacherUsername, email = "host@example.com",
            phone = "01099999999", password1 = Password, password2 = Password,
        })), HttpStatusCode.Created);
        await Expect(anonymous.PostAsync("/api/users/register/", JsonBody(new
        {
            username = "sweepstudent", email = "sweepstudent@example.com", password = Password, first_name = "Sweep", last_name = "Student",
        })), HttpStatusCode.Created);
        var admin = Client(await LoginAsync(LmsApiFactory.AdminUsername, LmsApiFactory.AdminPassword));
        var teacher = Client(await LoginAsync(TeacherUsername, Password));
        var student = Client(await LoginAsync("sweepstudent", Password));
        await Expect(student.PostAsync($"/api/join-teacher/{TeacherUsername}/", JsonBody(new { })), HttpStatusCode.OK, HttpStatusCode.Created);

        var students = await Expect(teacher.GetAsync("/api/teacher/get_students/"), HttpStatusCode.OK);
        var studentUuid = students["results"]![0]!["id"]!.GetValue<string>();

        var course = await Expect(teacher.PostAsync("/api/courses/", JsonBody(new
        {
            title = "Sweep target", slug = "sweep-target", description = "Hostile input", category = "Web", level = "beginner", duration_weeks = 4,
        })), HttpStatusCode.Created);
        var courseId = course["id"]!.GetValue<long>();
        await using (var session = factory.Services.GetRequiredService<IDocumentStore>().LightweightSession("1"))
        {
            // Lessons have no route yet; progress records exist only for a course with lessons.
            session.Store(new Lesson { CourseId = courseId, Title = "Lesson 1", Order = 1, DurationMinutes = 10, CreatedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync();
        }
        await Expect(admin.PutAsync($"/api/courses/{courseId}/", JsonBody(new { status = "published" })), HttpStatusCode.OK);
        await Expect(student.PostAsync("/api/enrollments/", JsonBody(new { course_id = courseId })), HttpStatusCode.Created);
        var progress = await Expect(student.GetAsync($"/api/progress/?course_id={courseId}"), HttpStatusCode.OK);
        var progressId = progress["results"]![0]!["id"]!.GetValue<long>();

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client_id"] = "1",
            ["clients/{id}"] = "1",
            ["teacher_username"] = TeacherUsername,
            ["student_id"] = studentUuid,
            ["courses/{id}"] = courseId.ToString(CultureInfo.InvariantCulture),
            ["progress/{id}"] = progressId.ToString(CultureInfo.InvariantCulture),
        };
        return new Arranged(anonymous, [("admin", admin), ("teacher", teacher), ("student", student)], values);
    }

    private HttpClient Client(string? accessToken)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private async Task<string> LoginAsync(string username, string password)
    {
        var body = await Expect(Client(null).PostAsync("/api/token/", JsonBody(new { username, password })), HttpStatusCode.OK);
        return body["access"]!.GetValue<string>();
    }

    private static JsonContent JsonBody(object value) => JsonContent.Create(value);

    private static async Task<JsonNode> Expect(Task<HttpResponseMessage> send, params HttpStatusCode[] expected)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        if (!expected.Contains(response.StatusCode))
            throw new InvalidOperationException($"sweep arrangement: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    /// <summary>Row counts and last modifications of every Marten document table of the host's schema.</summary>
    private sealed class DocumentTables(string schema)
    {
        private string? _query;

        public async Task<Dictionary<string, string>> SnapshotAsync()
        {
            await using var conn = new NpgsqlConnection(LmsApiFactory.ConnectionString);
            await conn.OpenAsync();
            _query ??= await BuildQueryAsync(conn);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var cmd = new NpgsqlCommand(_query, conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) result[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
            return result;
        }

        public static List<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
            after.Where(a => !before.TryGetValue(a.Key, out var b) || b != a.Value).Select(a => a.Key).ToList();

        private async Task<string> BuildQueryAsync(NpgsqlConnection conn)
        {
            var tables = new List<string>();
            await using (var cmd = new NpgsqlCommand(
                "select table_name from information_schema.tables where table_schema = @s and table_name like 'mt_doc_%' order by 1", conn))
            {
                cmd.Parameters.AddWithValue("s", schema);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }
            return string.Join(" union all ", tables.Select(t =>
                $"select '{t}', count(*)::text || '/' || coalesce(max(mt_last_modified)::text, '') from {schema}.{t}"));
        }
    }
}
