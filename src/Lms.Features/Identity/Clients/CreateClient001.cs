using System.Security.Claims;
using System.Text.Json.Nodes;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Clients;

/// <summary>
/// 001 <c>POST /accounts/clients/</c>: a platform admin creates a client (tenant). Only the name is required; the slug
/// comes from it when absent and is unique. Answers 200 with the client, as the document shows for the route.
/// </summary>
public static class CreateClient001
{
    public sealed record Body(
        string? Name,
        string? Slug,
        string? AppLogoUrl,
        string? AppIconUrl,
        bool? IsActive,
        JsonObject? ThemeSettings,
        string? LoginImgUrl,
        string? LoginLogoUrl,
        bool? ShowFooter,
        JsonObject? PwaManifest);

    public sealed record Command(
        string? Name,
        string? Slug,
        string? AppLogoUrl,
        string? AppIconUrl,
        bool? IsActive,
        JsonObject? ThemeSettings,
        string? LoginImgUrl,
        string? LoginLogoUrl,
        bool? ShowFooter,
        JsonObject? PwaManifest) : IRequest<ClientResponse>, IReportsUniqueViolations
    {
        public const string SlugTaken = "client with this slug already exists.";

        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint == ClientsSchema.SlugIndex ? ValidationFailed.For("slug", SlugTaken) : null;
    }

    public const int MaxObjectChars = 20_000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Name).Required().MaxChars(100);
            RuleFor(x => x.Slug).MaxChars(50)
                .Matches("^[-a-zA-Z0-9_]*$")
                .WithMessage("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
            RuleFor(x => x.Name).Must(n => Client.SlugOf(n!).Length > 0).When(x => string.IsNullOrEmpty(x.Slug) && !string.IsNullOrWhiteSpace(x.Name))
                .OverridePropertyName("slug").WithMessage("A slug cannot be made from this name; send a slug.");
            RuleFor(x => x.AppLogoUrl).Url();
            RuleFor(x => x.AppIconUrl).Url();
            RuleFor(x => x.LoginImgUrl).Url();
            RuleFor(x => x.LoginLogoUrl).Url();
            RuleFor(x => x.ThemeSettings).Must(o => o is null || o.ToJsonString().Length <= MaxObjectChars)
                .WithMessage($"Ensure this object has no more than {MaxObjectChars} characters of JSON.");
            RuleFor(x => x.PwaManifest).Must(o => o is null || o.ToJsonString().Length <= MaxObjectChars)
                .WithMessage($"Ensure this object has no more than {MaxObjectChars} characters of JSON.");
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, ClientResponse>
    {
        public async Task<ClientResponse> Handle(Command c, CancellationToken ct)
        {
            var slug = string.IsNullOrEmpty(c.Slug) ? Client.SlugOf(c.Name!) : c.Slug.ToLowerInvariant();
            if (await session.Query<Client>().AnyAsync(x => x.Slug == slug, ct)) throw ValidationFailed.For("slug", Command.SlugTaken);

            var client = new Client
            {
                Name = c.Name!.Trim(),
                Slug = slug,
                AppLogoUrl = c.AppLogoUrl?.Trim() ?? "",
                AppIconUrl = c.AppIconUrl?.Trim() ?? "",
                IsActive = c.IsActive ?? true,
                ThemeSettings = c.ThemeSettings ?? new JsonObject(),
                LoginImgUrl = c.LoginImgUrl?.Trim() ?? "",
                LoginLogoUrl = c.LoginLogoUrl?.Trim() ?? "",
                ShowFooter = c.ShowFooter ?? true,
                PwaManifest = c.PwaManifest ?? new JsonObject(),
                CreatedAt = clock.GetUtcNow(),
            };
            await InsertWithFreshIdAsync(client, ct);
            return ClientResponse.From(client, await FeatureCatalog.LoadAsync(session, ct));
        }

        /// <summary>
        /// The default client was stored with the explicit id 1, which the HiLo sequence does not know about, so the
        /// sequence may hand out an id that is already taken: such ids are skipped.
        /// </summary>
        private async Task InsertWithFreshIdAsync(Client client, CancellationToken ct)
        {
            for (var tries = 0; ; tries++)
            {
                session.Insert(client);
                if (tries >= 10 || !await session.Query<Client>().AnyAsync(x => x.Id == client.Id, ct)) return;
                session.Eject(client);
                client.Id = 0;
            }
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    ActiveClients.RequirePlatformAdmin(user);
                    return TypedResults.Ok(await m.Send(new Command(b.Name, b.Slug, b.AppLogoUrl, b.AppIconUrl, b.IsActive,
                        b.ThemeSettings, b.LoginImgUrl, b.LoginLogoUrl, b.ShowFooter, b.PwaManifest), ct));
                })
                .WithName("001.CreateClient").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 403)
                .RequireAuthorization(Policies.Admin);
    }
}

/// <summary>An optional absolute http(s) URL of at most 500 characters.</summary>
internal static class UrlRules
{
    public static IRuleBuilderOptions<T, string?> Url<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaxChars(500)
            .Must(v => string.IsNullOrWhiteSpace(v) ||
                       Uri.TryCreate(v.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp))
            .WithMessage("Enter a valid URL.");
}
