using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: CollectionBehavior("Lms.Tests.Integration.Infrastructure.HostShards", "Lms.Tests.Integration")]

namespace Lms.Tests.Integration.Infrastructure;

/// <summary>
/// xUnit's test-collection factory for this assembly. The HTTP test classes (<see cref="ApiTest"/> and those in the
/// <see cref="ApiGroup"/> collection) are dealt, in discovery order, into <see cref="Count"/> collections, each with its
/// own <see cref="LmsApiFactory"/> host and so its own database schemas, data directory and mailbox; the collections
/// run in parallel, the classes of one collection one after another (each test still starts from reset data). Every
/// other class is its own collection, as xUnit's default. A few long-lived hosts rather than one per class: a host's
/// start (schemas, Hangfire) costs more than most classes' tests.
/// </summary>
public sealed class HostShards(ITestAssembly testAssembly, IMessageSink diagnosticMessageSink) : IXunitTestCollectionFactory
{
    /// <summary>How many hosts: <c>LMS_TEST_HOSTS</c> (1 to <see cref="Max"/>), else 3, which keeps two cores busy.</summary>
    public static int Count { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("LMS_TEST_HOSTS"), out var n) ? Math.Clamp(n, 1, Max) : 3;

    public const int Max = 6;

    private static readonly Type[] Definitions =
        [typeof(Shard0), typeof(Shard1), typeof(Shard2), typeof(Shard3), typeof(Shard4), typeof(Shard5)];

    private readonly CollectionPerClassTestCollectionFactory _perClass = new(testAssembly, diagnosticMessageSink);
    private readonly Lazy<ITestCollection[]> _shards = new(() =>
        [.. Definitions.Take(Count).Select((d, i) => (ITestCollection)new TestCollection(testAssembly, Reflector.Wrap(d), $"api-{i}"))]);
    private readonly Lazy<Dictionary<string, int>> _deal = new(() => Deal(testAssembly));

    public string DisplayName => $"HTTP test classes in {Count} parallel hosts, other classes per class";

    /// <summary>
    /// Called for every test class, possibly from several threads and more than once per class: the same class always
    /// gets the same collection instance.
    /// </summary>
    public ITestCollection Get(ITypeInfo testClass)
    {
        if (!SharesAHost(testClass) || !_deal.Value.TryGetValue(testClass.Name, out var shard)) return _perClass.Get(testClass);
        return _shards.Value[shard];
    }

    /// <summary>The classes that share a host, sorted by name and dealt in turn: the same deal in every run.</summary>
    private static Dictionary<string, int> Deal(ITestAssembly testAssembly)
    {
        var assembly = ((IReflectionAssemblyInfo)testAssembly.Assembly).Assembly;
        return assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && SharesAHost(Reflector.Wrap(t)))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .Select((name, i) => (name, i))
            .ToDictionary(x => x.name, x => x.i % Count, StringComparer.Ordinal);
    }

    private static bool SharesAHost(ITypeInfo testClass) =>
        typeof(ApiTest).IsAssignableFrom(testClass.ToRuntimeType())
        || testClass.GetCustomAttributes(typeof(CollectionAttribute)).FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() is ApiGroup.Name;

    // One fixture type per shard: xUnit creates a collection's fixtures from its definition's ICollectionFixture<>.
    private sealed class Shard0 : ICollectionFixture<LmsApiFactory>;
    private sealed class Shard1 : ICollectionFixture<LmsApiFactory>;
    private sealed class Shard2 : ICollectionFixture<LmsApiFactory>;
    private sealed class Shard3 : ICollectionFixture<LmsApiFactory>;
    private sealed class Shard4 : ICollectionFixture<LmsApiFactory>;
    private sealed class Shard5 : ICollectionFixture<LmsApiFactory>;
}
