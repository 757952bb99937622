using System.Globalization;
using Lms.Bench.Data;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Tenancy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The benchmark's large data set (issue 9): see LargeData. Usage in LoadOptions.Usage.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

// Marten exactly as the API configures it (every IConfigureMarten: documents, indexes, tenancy), plus what that setup
// resolves: the clock, logging, and the scoped tenant context its session factory takes.
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
services.AddSingleton(TimeProvider.System);
services.AddHttpContextAccessor();
services.AddScoped<TenantContext>();
services.AddLmsMarten(options.Connection, new DatabaseSettings { Schema = options.Schema });

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
try
{
    return await new LargeData(provider.GetRequiredService<IDocumentStore>(), options, Console.Out).RunAsync(cancel.Token);
}
catch (Exception) when (cancel.IsCancellationRequested)
{
    // Not only OperationCanceledException: Marten's rollback of a cancelled COPY surfaces as ObjectDisposedException.
    await Console.Error.WriteLineAsync("large data: cancelled; the next run removes the partial load and starts again");
    return 130;
}
