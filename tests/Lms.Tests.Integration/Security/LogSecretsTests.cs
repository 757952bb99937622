using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lms.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// The app logging at Debug, every source included (the app, ASP.NET Core, Marten's SQL with its parameters, Npgsql,
/// Hangfire), to a file configured the way an operator would, through Serilog's configuration section. About 170 KB for
/// the flows below: Debug does not flood. Its own host and schema, so the file holds only its own flows.
/// </summary>
public sealed class LoggingApiFactory : LmsApiFactory
{
    public string LogFile => Path.Combine(DataDirectory, "logs", "lms.log");

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Serilog:MinimumLevel:Default"] = "Debug";
        foreach (var source in new[] { "Microsoft.AspNetCore", "Marten", "Hangfire", "System.Net.Http", "Npgsql", "Serilog.AspNetCore.RequestLoggingMiddleware", "Lms.Features.Common.Behaviors" })
            settings["Serilog:MinimumLevel:Override:" + source] = "Debug";
        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Not through UseSetting: the test host turns those into command-line arguments, with an empty value for every
        // parent key, and Serilog reads an empty "WriteTo:0" as a sink named "".
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = LogFile,
            ["Serilog:WriteTo:0:Args:outputTemplate"] = "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext} {Message:lj} {Properties:j}{NewLine}{Exception}",
        }));
    }
}

/// <summary>
/// No secret in any log: every flow that e-mails a code or link, the codes used, then sign-ins and refreshes through each
/// document; the log file is then searched for every code (and its stored hash, which a million tries reverse), token,
/// password and JWT the flows handled.
/// </summary>
public sealed class LogSecretsTests(LoggingApiFactory factory) : IClassFixture<LoggingApiFactory>
{
    [Fact]
    public async Task No_code_token_password_or_JWT_reaches_the_log_even_at_debug()
    {
        var flows = new SecretFlows(factory);
        // Another host started after this one, as the parallel suite does: each host keeps its own logger (the request
        // log once went to whichever host started last, through Serilog's static logger).
        _ = factory.Services;
        await using var other = new LmsApiFactory();
        _ = other.Services;

        await flows.EmailEveryCodeAsync();
        await flows.SignInAndRefreshEverywhereAsync();
        // The last jobs' log lines: each delivered e-mail's job logs right after writing it (slower on a loaded machine).
        var log = await ReadLog();
        for (var i = 0; i < 100 && Regex.Count(log, "E-mail .{36,40} written to") < flows.Emails; i++)
        {
            await Task.Delay(100);
            log = await ReadLog();
        }
        // The sink works and has the levels the test is about: a request, a handled command, a sent e-mail, SQL at Debug.
        Assert.Contains("HTTP POST /api/password-reset/request/ responded 200", log, StringComparison.Ordinal);
        Assert.Contains("Handled SignUp", log, StringComparison.Ordinal);
        Assert.Matches(@"E-mail ""?[0-9a-f\-]{36}""? written to", log);
        Assert.Contains("DBG Marten.IDocumentStore Marten executed", log, StringComparison.Ordinal); // SQL with its parameters
        Assert.Contains("insert into " + factory.Schema + ".mt_doc_outgoingemail", log, StringComparison.Ordinal);
        Assert.Equal(3, flows.Codes.Count);
        Assert.Equal(18, flows.Jwts.Count);

        foreach (var code in flows.Codes)
        {
            // Not inside a longer number or word, nor the fraction of a logged duration ("in 12.345678 ms").
            Assert.False(Regex.IsMatch(log, $"(?<![0-9A-Za-z.]){code}(?![0-9A-Za-z])"), $"the OTP {code} is in the log: {Around(log, code)}");
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
            Assert.False(log.Contains(hash, StringComparison.OrdinalIgnoreCase), $"the OTP {code}'s hash is in the log: {Around(log, hash)}");
        }
        foreach (var secret in flows.Tokens.Concat(flows.Passwords))
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"a token or password is in the log: {Around(log, secret)}");
        foreach (var jwt in flows.Jwts)
        {
            var signature = jwt[(jwt.LastIndexOf('.') + 1)..];
            Assert.False(log.Contains(signature, StringComparison.Ordinal), $"a JWT is in the log: {Around(log, signature)}");
        }
    }

    private async Task<string> ReadLog()
    {
        // The sink keeps the file open; share it.
        await using var stream = new FileStream(factory.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static string Around(string log, string secret)
    {
        var at = log.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        if (at < 0) at = Regex.Match(log, $"(?<![0-9A-Za-z]){Regex.Escape(secret)}(?![0-9A-Za-z])").Index;
        var start = log.LastIndexOf('\n', Math.Max(0, at)) + 1;
        return log[start..Math.Min(log.Length, at + 300)];
    }
}
