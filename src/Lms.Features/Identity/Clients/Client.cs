using System.Text.Json.Nodes;

namespace Lms.Features.Identity.Clients;

/// <summary>A client (tenant, spec decision 4). Client 1 is the default and exists from the start.</summary>
public sealed class Client
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>001's branding: absolute URLs the client's web app shows (empty when not set).</summary>
    public string AppLogoUrl { get; set; } = "";
    public string AppIconUrl { get; set; } = "";
    public string LoginImgUrl { get; set; } = "";
    public string LoginLogoUrl { get; set; } = "";
    public bool ShowFooter { get; set; } = true;

    /// <summary>Free-form objects the web app interprets (colours, fonts; the PWA manifest).</summary>
    public JsonObject ThemeSettings { get; set; } = new();
    public JsonObject PwaManifest { get; set; } = new();

    /// <summary>The features (see <see cref="Feature"/>) this client has selected.</summary>
    public List<long> FeatureIds { get; set; } = [];

    /// <summary>The client's slug from a name: lower-case letters, digits and hyphens (Django's slugify).</summary>
    public static string SlugOf(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' ? c : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        slug = slug.Trim('-');
        return slug.Length > 50 ? slug[..50].TrimEnd('-') : slug;
    }
}

public sealed class ClientsSchema : IConfigureMarten
{
    public const string SlugIndex = "ux_clients_slug";

    public void Configure(IServiceProvider services, StoreOptions options) =>
        options.Schema.For<Client>().UniqueIndex(UniqueIndexType.Computed, SlugIndex, x => x.Slug);
}
