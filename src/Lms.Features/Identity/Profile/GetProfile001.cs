using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;

namespace Lms.Features.Identity.Profile;

/// <summary>001 <c>GET /accounts/clients/{client_id}/user-profile/</c>: the caller's own profile in that client.</summary>
public static class GetProfile001
{
    public sealed record Query(long UserId) : IRequest<ProfileView001>;

    public sealed class Handler(IQuerySession session, MediaUrls media) : IRequestHandler<Query, ProfileView001>
    {
        public async Task<ProfileView001> Handle(Query q, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(q.UserId, ct);
            if (user is not { IsActive: true }) throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            return ProfileView001.From(user, media);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/accounts/clients/{client_id:long}/user-profile/", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(user.UserId()), ct)))
                .WithName("001.GetUserProfile").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 401, 403, 404)
                .RequireActiveClient()
                .RequireAuthorization(Policies.Authenticated);
    }
}
