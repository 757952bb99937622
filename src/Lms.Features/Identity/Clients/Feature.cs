using Lms.Features.Common.Tenancy;

namespace Lms.Features.Identity.Clients;

/// <summary>
/// One of 001's product features a client can switch on (<c>GET /accounts/features/</c>). A fixed catalogue with stable
/// ids, written by <see cref="FeatureCatalog"/> whenever a read finds it incomplete (first use, or after a data reset:
/// Marten 9 no longer lets an <c>IConfigureMarten</c> register initial data).
/// </summary>
public sealed class Feature
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>The catalogue, one feature per area of 001's API. Upserted by id, so re-running it is harmless.</summary>
public static class FeatureCatalog
{
    public static readonly IReadOnlyList<Feature> All =
    [
        new() { Id = 1, Name = "Courses" },
        new() { Id = 2, Name = "Student Analytics" },
        new() { Id = 3, Name = "Activity & Attendance" },
        new() { Id = 4, Name = "Admin Dashboard" },
        new() { Id = 5, Name = "Email Jobs" },
        new() { Id = 6, Name = "Assessments" },
        new() { Id = 7, Name = "Payments" },
        new() { Id = 8, Name = "Live Classes" },
        new() { Id = 9, Name = "Community Forum" },
        new() { Id = 10, Name = "Media" },
        new() { Id = 11, Name = "Mock Interviews" },
        new() { Id = 12, Name = "Jobs" },
    ];

    /// <summary>Upserts the catalogue by id (harmless when it is already there, or written by two requests at once).</summary>
    public static async Task PopulateAsync(IDocumentStore store, CancellationToken ct)
    {
        // Feature is not tenanted; the session is opened for the default client only because sessions must name one.
        await using var session = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId));
        session.Store(All.Select(f => new Feature { Id = f.Id, Name = f.Name }).ToArray());
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The whole catalogue by id, written first when the table lacks any of it.</summary>
    public static async Task<IReadOnlyDictionary<long, Feature>> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        var stored = await session.Query<Feature>().Take(1000).ToListAsync(ct);
        if (stored.Count >= All.Count) return stored.ToDictionary(f => f.Id);
        await PopulateAsync(session.DocumentStore, ct);
        return All.ToDictionary(f => f.Id);
    }
}

public sealed class FeaturesSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) => options.Schema.For<Feature>();
}
