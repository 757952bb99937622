using System.Globalization;
using System.Security.Cryptography;
using Lms.Features.Identity;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// The real app (WebApplicationFactory) on a real PostgreSQL: one schema per test run, dropped at the end.
/// <c>ConnectionStrings__Lms</c> comes from build/test.sh (the embedded cluster) or the developer's environment.
/// </summary>
public class LmsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "Admin-Pass-42";

    /// <summary>A web app's origin the test host allows (004's Vite dev server).</summary>
    public const string AllowedOrigin = "http://localhost:5173";

    public string Schema { get; } = "test_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" +
                                    Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();

    /// <summary>This host's data directory: e-mails land in <c>mail/</c>, uploads in <c>media/</c>. Deleted at the end.</summary>
    public string DataDirectory => Path.Combine(Path.GetTempPath(), "lms-tests", Schema);

    /// <summary>The e-mails this host's Hangfire job wrote (MailKit's real MIME output).</summary>
    public Mailbox Mailbox => new(Path.Combine(DataDirectory, "mail"));

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Lms") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "ConnectionStrings__Lms is not set. Run the suite with build/test.sh, which starts an embedded PostgreSQL.");

    /// <summary>Settings a derived factory may change (the rate-limit test uses tiny limits).</summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Lms"] = ConnectionString,
        ["Lms:Database:Schema"] = Schema,
        ["Lms:Database:MaxPoolSize"] = "20",
        ["Lms:Jobs:Schema"] = Schema + "_jobs",
        ["Lms:Jobs:MaxPoolSize"] = "5",
        ["Lms:Jobs:WorkerCount"] = "1",
        ["Lms:SeedDemoData"] = "false",
        ["Lms:Bootstrap:AdminUsername"] = AdminUsername,
        ["Lms:Bootstrap:AdminEmail"] = "admin@example.com",
        ["Lms:Bootstrap:AdminPassword"] = AdminPassword,
        ["Lms:DataDirectory"] = DataDirectory,
        // Real PBKDF2 with a test work factor (the default is 100,000): sign-ins and sign-ups are most of the suite's CPU.
        ["Lms:Passwords:Iterations"] = "1000",
        ["Lms:Throttle:PerAccount"] = "1000000",
        ["Lms:Throttle:PerIp"] = "1000000",
        ["Lms:RateLimits:Documents:000:PerIpPerHour"] = "1000000",
        ["Lms:RateLimits:Documents:001:PerIpPerHour"] = "1000000",
        ["Lms:RateLimits:Documents:001:PerUserPerMinute"] = "1000000",
        ["Lms:RateLimits:Documents:002:PerIpPerHour"] = "1000000",
        ["Lms:RateLimits:Documents:002:PerUserPerMinute"] = "1000000",
        ["Lms:RateLimits:Documents:003:PerIpPerHour"] = "1000000",
        ["Lms:RateLimits:Documents:003:PerUserPerMinute"] = "1000000",
        ["Lms:RateLimits:Documents:004:PerIpPerHour"] = "1000000",
        ["Lms:RateLimits:Documents:004:PerUserPerMinute"] = "1000000",
        ["Lms:Cors:Origins:0"] = AllowedOrigin,
        ["Lms:Cors:Origins:1"] = "http://localhost:3000",
        ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    /// <summary>
    /// The app's clock: real time plus an offset a test may move forward (OTP and token expiry). Reset before each test.
    /// Only the app's own decisions use it; JWT validation and Hangfire use real time.
    /// </summary>
    public ShiftableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program reads configuration before Build().
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, StatusRecorder.Filter>()); // for DeclaredStatusTests
    }

    public Task InitializeAsync()
    {
        _ = Server; // starts the host: Marten applies the schema, Bootstrap creates client 1 and the admin
        return Task.CompletedTask;
    }

    /// <summary>Empties every document table and re-creates the default client and the admin (before each test).</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        Mailbox.Clear();
        var store = Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.ResetAllData();
        await Services.GetRequiredService<Bootstrap>().RunAsync(CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop schema if exists {Schema} cascade; drop schema if exists {Schema}_jobs cascade;", conn);
        await cmd.ExecuteNonQueryAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>Real time plus a settable offset.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}

/// <summary>
/// The HTTP tests' collection name. <see cref="HostShards"/> deals its classes (and every <see cref="ApiTest"/>) into a
/// few parallel collections, each with its own host; this definition is the fixture of a run with one host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiGroup : ICollectionFixture<LmsApiFactory>
{
    public const string Name = "api";
}
