using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>002 <c>GET /api/users/profiles/me/</c>: "Same as GET /api/users/profile/", so it sends that slice's query.</summary>
public static class GetMyProfile002
{
    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users/profiles/me/", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new GetProfile002_003.Query(user.UserId()), ct)))
                .WithName("002.GetMyProfile").WithTags("002 Users & Profiles")
                .ForDocuments(ApiDocument.Doc002, 401, 403)
                .RequireAuthorization(Policies.Authenticated);
    }
}
