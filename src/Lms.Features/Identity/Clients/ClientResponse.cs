using System.Text.Json.Nodes;

namespace Lms.Features.Identity.Clients;

/// <summary>001's client as <c>GET/POST /accounts/clients/</c> show it.</summary>
public sealed record ClientResponse(
    long Id,
    string Name,
    string Slug,
    string AppLogoUrl,
    string AppIconUrl,
    bool IsActive,
    IReadOnlyList<FeatureResponse> Features,
    JsonObject ThemeSettings,
    string LoginImgUrl,
    string LoginLogoUrl,
    bool ShowFooter,
    JsonObject PwaManifest)
{
    /// <summary>The client with its selected features resolved against the catalogue (unknown ids are skipped).</summary>
    public static ClientResponse From(Client c, IReadOnlyDictionary<long, Feature> catalogue) => new(
        c.Id, c.Name, c.Slug, c.AppLogoUrl, c.AppIconUrl, c.IsActive,
        c.FeatureIds.Order().Where(catalogue.ContainsKey).Select(id => FeatureResponse.From(catalogue[id])).ToList(),
        c.ThemeSettings, c.LoginImgUrl, c.LoginLogoUrl, c.ShowFooter, c.PwaManifest);
}

/// <summary>001's <c>{id, name}</c> feature.</summary>
public sealed record FeatureResponse(long Id, string Name)
{
    public static FeatureResponse From(Feature f) => new(f.Id, f.Name);
}
