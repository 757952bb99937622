using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>000 <c>GET /api/auth/profile/</c>: the caller's own account and profile.</summary>
public static class GetProfile000
{
    public sealed record Query(long UserId) : IRequest<ProfileView000>;

    public sealed class Handler(IQuerySession session, MediaUrls media) : IRequestHandler<Query, ProfileView000>
    {
        public async Task<ProfileView000> Handle(Query q, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(q.UserId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            return ProfileView000.From(user, media.Absolute(user.AvatarPath));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/auth/profile/", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(user.UserId()), ct)))
                .WithName("000.GetProfile").WithTags("000 Authentication")
                .ForDocuments(ApiDocument.Doc000, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
