using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// <c>GET /api/users/profile/</c>, documented by 003 and 002: the caller's own profile, with the union of both
/// documents' fields (<see cref="ProfileView002_003"/>); 002's <c>/api/users/profiles/me/</c> sends the same query.
/// </summary>
public static class GetProfile002_003
{
    public sealed record Query(long UserId) : IRequest<ProfileView002_003>;

    public sealed class Handler(IQuerySession session) : IRequestHandler<Query, ProfileView002_003>
    {
        public async Task<ProfileView002_003> Handle(Query q, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(q.UserId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            return ProfileView002_003.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/profile/", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Query(user.UserId()), ct)))
                .WithName("003.GetProfile").WithTags("003 Users")
                .ForDocuments(ApiDocument.Doc003 | ApiDocument.Doc002, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
