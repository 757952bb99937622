using Lms.Api.Hosting;
using Lms.Features.Common.Behaviors;
using Lms.Features.Common.Json;
using Lms.Features.Common.Validation;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;
using Lms.Features.Common.Tenancy;
using Lms.Features.Demo;
using Lms.Features.Identity;
using Lms.Features.Identity.Tokens;
using Microsoft.AspNetCore.Http.Json;
using Serilog;

// Numbers and dates are written the same whatever the machine's locale (ICU is on for Unicode normalization).
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

// The host's own logger, not the static Log.Logger: several hosts in one process (the test suite) each keep theirs.
builder.Host.UseSerilog(preserveStaticLogger: true, configureLogger: (ctx, logger) => logger
    .ReadFrom.Configuration(ctx.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {CorrelationId} user={UserId} {Message:lj}{NewLine}{Exception}"));

var connectionString = config.GetConnectionString("Lms")
    ?? throw new InvalidOperationException("ConnectionStrings:Lms is not set. build/run.sh sets it for the embedded PostgreSQL.");
var lms = config.GetSection("Lms").Get<LmsSettings>() ?? new LmsSettings();
var dataDirectory = string.IsNullOrEmpty(lms.DataDirectory) ? Path.Combine(builder.Environment.ContentRootPath, ".data") : lms.DataDirectory;

builder.Services.Configure<LmsSettings>(config.GetSection("Lms"));
builder.Services.Configure<BootstrapSettings>(config.GetSection("Lms:Bootstrap"));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<TenantContext>();
builder.Services.AddScoped<AfterCommit>();
builder.Services.AddSingleton<TokenService>();
builder.Services.AddSingleton<Bootstrap>();
builder.Services.AddSingleton<DemoData>();

// Persistence and jobs. Pools: Marten + Hangfire stay below PostgreSQL's max_connections (README, configuration).
builder.Services.AddLmsMarten(connectionString, config.GetSection("Lms:Database").Get<DatabaseSettings>() ?? new DatabaseSettings());
builder.Services.AddLmsJobs(connectionString, config.GetSection("Lms:Jobs").Get<JobSettings>() ?? new JobSettings());
builder.Services.AddHostedService<StartupWork>();

// Slices: MediatR 5.1.0 with the pipeline behaviours, validators, Carter modules.
builder.Services.AddLmsMediator(typeof(TenantContext).Assembly);
builder.Services.AddValidatorsFromAssembly(typeof(TenantContext).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
ValidationConventions.Apply();
var modules = typeof(TenantContext).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(ICarterModule).IsAssignableFrom(t)).ToArray();
builder.Services.AddCarter(configurator: c => c.WithModules(modules));

builder.Services.Configure<JsonOptions>(o => LmsJson.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = false);
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
    k.AddServerHeader = false; // no "Server: Kestrel" on any answer
});

builder.Services.AddLmsAuth(config, dataDirectory);
builder.Services.AddLmsIdentity(config, dataDirectory, builder.Environment);
var rateLimits = (config.GetSection("Lms:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings()).Validated();
builder.Services.AddSingleton(rateLimits);
builder.Services.AddSingleton<RateLimitCounters>();
builder.Services.AddSingleton<RateLimits>();
builder.Services.AddLmsCors(config);
builder.Services.AddLmsOpenApi();
builder.Services.AddUnmatchedPaths(); // 404/405 bodies in the neighbours' format, derived from the mapped routes
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: ["ready"]);

var app = builder.Build();

app.UseLmsSecurityHeaders(); // outermost: also on the answers the error writers, guards, dashboard and media write
app.UseLmsCors(); // before routing, the rate limiter, auth and the tenant guard: preflights end here with 204
app.UseLmsErrors();
app.UseSerilogRequestLogging(o =>
{
    o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    o.EnrichDiagnosticContext = (diag, http) =>
    {
        diag.Set("CorrelationId", http.TraceIdentifier);
        diag.Set("UserId", http.User.UserIdOrNull());
    };
});
app.Use(async (http, next) =>
{
    // Correlation id: the caller's X-Correlation-ID when given, else the trace identifier; echoed back.
    if (http.Request.Headers.TryGetValue("X-Correlation-ID", out var given) && given.ToString() is { Length: > 0 and <= 64 } id)
        http.TraceIdentifier = id;
    http.Response.Headers["X-Correlation-ID"] = http.TraceIdentifier;
    using (Serilog.Context.LogContext.PushProperty("CorrelationId", http.TraceIdentifier))
        await next(http);
});
app.UseLmsMedia();
app.UseRouting();
app.UseNulGuard();
app.UseAuthentication();
app.UseTenantGuard();
var limiter = app.Services.GetRequiredService<RateLimits>();
app.Use((http, next) => limiter.InvokeAsync(http, next));
app.UseAuthorization();
app.UseLmsJobsDashboard();
app.UseLmsErrorTranslation();

app.MapLmsDocs();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
app.MapCarter();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
