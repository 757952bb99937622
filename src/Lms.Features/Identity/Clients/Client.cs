namespace Lms.Features.Identity.Clients;

/// <summary>A client (tenant, spec decision 4). Client 1 is the default and exists from the start.</summary>
public sealed class Client
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ClientsSchema : IConfigureMarten
{
    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<Client>().UniqueIndex(UniqueIndexType.Computed, "ux_clients_slug", x => x.Slug);
}
