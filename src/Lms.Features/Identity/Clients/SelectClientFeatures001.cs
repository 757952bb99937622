using System.Globalization;
using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Clients;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/features/select/</c>: a platform admin sets which catalogue features a client
/// has (the list replaces the previous selection; an empty list clears it). The client here is the resource being
/// configured, not the tenant acting, so the route parameter is not named <c>client_id</c>: the tenant guard (a token
/// acts only in its own client) would otherwise refuse the platform admin's client-1 token for every other client.
/// Inactive clients can be configured too; unknown ones are 404.
/// </summary>
public static class SelectClientFeatures001
{
    public sealed record Body(long[]? FeatureIds);

    public sealed record Command(long ClientId, long[]? FeatureIds) : IRequest<Response>, ICommand;

    public sealed record Response(string Detail);

    public const int MaxFeatures = 100;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(x => x.FeatureIds).NotNull().WithMessage(DrfMessages.Required)
                .Must(ids => ids!.Length <= MaxFeatures).WithMessage($"Ensure this field has no more than {MaxFeatures} elements.");
    }

    public sealed class Handler(IDocumentSession session) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            var client = await session.LoadAsync<Client>(c.ClientId, ct) ?? throw new ClientNotFound();
            var wanted = c.FeatureIds!.Distinct().ToList();
            var catalogue = await FeatureCatalog.LoadAsync(session, ct);
            var unknown = wanted.Where(id => !catalogue.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                throw new ValidationFailed(new Dictionary<string, string[]>
                {
                    ["feature_ids"] = unknown.Take(10)
                        .Select(id => $"Invalid pk \"{id.ToString(CultureInfo.InvariantCulture)}\" - object does not exist.").ToArray(),
                });
            }

            client.FeatureIds = wanted.Order().ToList();
            session.Store(client);
            return new Response("Features updated successfully");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{id:long}/features/select/", async (long id, Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    ActiveClients.RequirePlatformAdmin(user);
                    return TypedResults.Ok(await m.Send(new Command(id, b.FeatureIds), ct));
                })
                .WithName("001.SelectClientFeatures").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 403, 404)
                .RequireAuthorization(Policies.Admin);
    }
}
