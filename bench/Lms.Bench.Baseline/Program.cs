// The benchmark's baseline: each question build/bench.sh asks Lms, answered with one hand-written Npgsql round trip
// against Lms's own tables, behind the same JWT bearer validation (same key, issuer, audience and algorithm). The ratio
// Lms/baseline then measures what Lms adds on top of the query and the token check. Not part of the product.
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var config = builder.Configuration;
var schema = config["Schema"] ?? "lms";
if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]*$")) throw new InvalidOperationException("Schema must be a plain identifier.");
var key = config["SigningKey"] is { Length: > 0 } k ? k : File.ReadAllText(config["SigningKeyFile"] ?? throw new InvalidOperationException("SigningKeyFile is not set.")).Trim();
var tenant = config["Tenant"] ?? "1";

var csb = new NpgsqlConnectionStringBuilder(config["ConnectionString"] ?? throw new InvalidOperationException("ConnectionString is not set."))
{
    // The same pool and statement preparation as Lms's Marten connections (Lms:Database), so neither side wins on settings.
    MaxPoolSize = int.TryParse(config["MaxPoolSize"], out var pool) ? pool : 30,
    MaxAutoPrepare = int.TryParse(config["MaxAutoPrepare"], out var prepare) ? prepare : 64,
    AutoPrepareMinUsages = 2,
    ApplicationName = "lms-bench-baseline",
};
var db = NpgsqlDataSource.Create(csb.ConnectionString);

builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = config["Issuer"] ?? "lms",
        ValidAudience = config["Audience"] ?? "lms",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = "role",
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };
});
builder.Services.AddAuthorization();
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

static long? UserId(ClaimsPrincipal user) => long.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;
static bool IsAdmin(ClaimsPrincipal user) => user.FindFirst("role")?.Value == "admin";

string T(string table) => $"{schema}.mt_doc_{table}";

// GET /api/courses/{id}/: the course and its instructor, one join.
var courseSql = $"""
    select c.id, c.data->>'Title', c.data->>'Slug', c.data->>'Description', c.data->>'Category', lower(c.data->>'Level'),
           (c.data->>'DurationWeeks')::int, lower(c.data->>'Status'), (c.data->>'InstructorId')::bigint,
           u.data->>'Username', u.data->>'FullName', (c.data->>'CreatedAt')::timestamptz, (c.data->>'UpdatedAt')::timestamptz
    from {T("course")} c left join {T("user")} u on u.tenant_id = c.tenant_id and u.id = (c.data->>'InstructorId')::bigint
    where c.tenant_id = $1 and c.id = $2
    """;
app.MapGet("/api/courses/{id:long}/", async (long id, ClaimsPrincipal user, CancellationToken ct) =>
{
    await using var cmd = db.CreateCommand(courseSql);
    cmd.Parameters.AddWithValue(tenant);
    cmd.Parameters.AddWithValue(id);
    await using var r = await cmd.ExecuteReaderAsync(ct);
    if (!await r.ReadAsync(ct)) return Results.NotFound();
    var course = Course.Read(r);
    var caller = UserId(user);
    if (course.Status != "published" && !IsAdmin(user) && caller != course.Instructor.Id) return Results.NotFound();
    return Results.Ok(course);
}).AllowAnonymous();

// GET /api/courses/?page=&page_size=: what a student sees (published, newest first), the page and its count in one batch.
var listSql = $"""
    select c.id, c.data->>'Title', c.data->>'Slug', c.data->>'Description', c.data->>'Category', lower(c.data->>'Level'),
           (c.data->>'DurationWeeks')::int, lower(c.data->>'Status'), (c.data->>'InstructorId')::bigint,
           u.data->>'Username', u.data->>'FullName', (c.data->>'CreatedAt')::timestamptz, (c.data->>'UpdatedAt')::timestamptz
    from {T("course")} c left join {T("user")} u on u.tenant_id = c.tenant_id and u.id = (c.data->>'InstructorId')::bigint
    where c.tenant_id = $1 and c.data->>'Status' = 'Published'
    order by mt_immutable_timestamptz(c.data->>'CreatedAt') desc, c.id desc
    limit $2 offset $3
    """;
var countSql = $"select count(*) from {T("course")} c where c.tenant_id = $1 and c.data->>'Status' = 'Published'";
app.MapGet("/api/courses/", async (HttpRequest request, int? page, int? page_size, CancellationToken ct) =>
{
    var (p, size) = (Math.Max(page ?? 1, 1), Math.Clamp(page_size ?? 20, 1, 100));
    await using var batch = db.CreateBatch();
    batch.BatchCommands.Add(new NpgsqlBatchCommand(countSql) { Parameters = { new() { Value = tenant } } });
    batch.BatchCommands.Add(new NpgsqlBatchCommand(listSql)
    {
        Parameters = { new() { Value = tenant }, new() { Value = size }, new() { Value = (p - 1) * size } },
    });
    await using var r = await batch.ExecuteReaderAsync(ct);
    await r.ReadAsync(ct);
    var count = r.GetInt64(0);
    await r.NextResultAsync(ct);
    var results = new List<Course>(size);
    while (await r.ReadAsync(ct)) results.Add(Course.Read(r));
    return Results.Ok(Page.Of(request, p, size, count, results));
}).AllowAnonymous();

// GET /api/users/profile/: the caller's row.
var profileSql = $"""
    select id, data->>'Username', data->>'Email', data->>'FirstName', data->>'LastName', data->>'FullName', lower(data->>'Role'),
           data->>'Bio', data->>'Phone', (data->>'IsActive')::boolean, (data->>'DateJoined')::timestamptz,
           data->>'GuardianPhone', data->>'Grade', data->>'Specialization'
    from {T("user")} where tenant_id = $1 and id = $2
    """;
app.MapGet("/api/users/profile/", async (ClaimsPrincipal user, CancellationToken ct) =>
{
    await using var cmd = db.CreateCommand(profileSql);
    cmd.Parameters.AddWithValue(tenant);
    cmd.Parameters.AddWithValue(UserId(user) ?? 0);
    await using var r = await cmd.ExecuteReaderAsync(ct);
    if (!await r.ReadAsync(ct)) return Results.Unauthorized();
    var role = r.GetString(6);
    return Results.Ok(new ProfileView(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), role,
        r.GetString(7), r.GetString(8), r.GetBoolean(9), r.GetDateTime(10),
        new ProfileView.Nested(role, r.GetString(5), r.GetString(8),
            role == "student" ? r.GetString(11) : null, role == "student" ? r.GetString(12) : null,
            role == "teacher" ? r.GetString(13) : null, r.GetString(7))));
}).RequireAuthorization();

// GET /api/enrollments/: the caller's enrollments with their courses, newest first, and the count, in one batch.
var enrollmentsSql = $"""
    select e.id, (e.data->>'CourseId')::bigint, c.data->>'Title', c.data->>'Slug', lower(c.data->>'Level'), lower(c.data->>'Status'),
           (e.data->>'StudentId')::bigint, lower(e.data->>'Status'), (e.data->>'CompletedLessons')::int, (e.data->>'TotalLessons')::int,
           (e.data->>'EnrolledAt')::timestamptz, (e.data->>'CompletedAt')::timestamptz
    from {T("enrollment")} e left join {T("course")} c on c.tenant_id = e.tenant_id and c.id = (e.data->>'CourseId')::bigint
    where e.tenant_id = $1 and (e.data->>'StudentId')::bigint = $2
    order by mt_immutable_timestamptz(e.data->>'EnrolledAt') desc, e.id desc
    limit $3 offset $4
    """;
var enrollmentCountSql = $"select count(*) from {T("enrollment")} e where e.tenant_id = $1 and (e.data->>'StudentId')::bigint = $2";
app.MapGet("/api/enrollments/", async (HttpRequest request, ClaimsPrincipal user, int? page, int? page_size, CancellationToken ct) =>
{
    var (p, size) = (Math.Max(page ?? 1, 1), Math.Clamp(page_size ?? 20, 1, 100));
    var student = UserId(user) ?? 0;
    await using var batch = db.CreateBatch();
    batch.BatchCommands.Add(new NpgsqlBatchCommand(enrollmentCountSql) { Parameters = { new() { Value = tenant }, new() { Value = student } } });
    batch.BatchCommands.Add(new NpgsqlBatchCommand(enrollmentsSql)
    {
        Parameters = { new() { Value = tenant }, new() { Value = student }, new() { Value = size }, new() { Value = (p - 1) * size } },
    });
    await using var r = await batch.ExecuteReaderAsync(ct);
    await r.ReadAsync(ct);
    var count = r.GetInt64(0);
    await r.NextResultAsync(ct);
    var results = new List<Enrollment>(size);
    while (await r.ReadAsync(ct))
    {
        int done = r.GetInt32(8), total = r.GetInt32(9);
        results.Add(new Enrollment(r.GetInt64(0), r.GetInt64(1),
            new Enrollment.CourseSummary(r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)),
            r.GetInt64(6), r.GetString(7), total == 0 ? 0m : Math.Round(100m * done / total, 2), done, total,
            r.GetDateTime(10), r.IsDBNull(11) ? null : r.GetDateTime(11)));
    }
    return Results.Ok(Page.Of(request, p, size, count, results));
}).RequireAuthorization();

// The plaintext floor: what ASP.NET Core itself costs, against Lms's /health/live.
app.MapGet("/health/live", () => Results.Text("Healthy"));

app.Run();

internal sealed record Course(long Id, string Title, string Slug, string Description, string Category, string Level, int DurationWeeks,
    string Status, Course.InstructorSummary Instructor, DateTime CreatedAt, DateTime UpdatedAt)
{
    internal sealed record InstructorSummary(long Id, string Username, string FullName);

    public static Course Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        r.GetString(5), r.GetInt32(6), r.GetString(7),
        new InstructorSummary(r.GetInt64(8), r.IsDBNull(9) ? "" : r.GetString(9), r.IsDBNull(10) ? "" : r.GetString(10)),
        r.GetDateTime(11), r.GetDateTime(12));
}

internal sealed record ProfileView(long Id, string Username, string Email, string FirstName, string LastName, string FullName, string Role,
    string Bio, string Phone, bool IsActive, DateTime DateJoined, ProfileView.Nested Profile)
{
    internal sealed record Nested(string Type, string FullName, string Phone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GuardianPhone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Specialization,
        string Bio);
}

internal sealed record Enrollment(long Id, long CourseId, Enrollment.CourseSummary Course, long Student, string Status,
    decimal ProgressPercentage, int CompletedLessons, int TotalLessons, DateTime EnrolledAt, DateTime? CompletedAt)
{
    internal sealed record CourseSummary(long Id, string Title, string Slug, string Level, string Status);
}

internal sealed record Page<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);

internal static class Page
{
    public static Page<T> Of<T>(HttpRequest request, int page, int size, long count, IReadOnlyList<T> results)
    {
        var last = Math.Max(1, (int)Math.Ceiling(count / (double)size));
        string Link(int n) => $"{request.Scheme}://{request.Host}{request.Path}?page={n}&page_size={size}";
        return new Page<T>(count, page < last ? Link(page + 1) : null, page > 1 ? Link(Math.Min(page - 1, last)) : null, results);
    }
}
