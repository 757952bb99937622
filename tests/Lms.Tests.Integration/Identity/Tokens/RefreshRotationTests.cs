using Lms.Features.Common.Errors;
using Lms.Features.Identity;
using Lms.Features.Identity.Tokens;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Identity.Tokens;

/// <summary>
/// Refresh rotation, reuse detection and revocation in the token service. The HTTP routes that call it
/// (000, 001, 002 and 004's refresh and logout) arrive with the identity issue; the rules are proven here.
/// </summary>
public sealed class RefreshRotationTests(LmsApiFactory factory) : ApiTest(factory)
{
    private async Task<(TokenService Tokens, IDocumentStore Store, User Admin)> Arrange()
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession("1");
        var admin = await session.Query<User>().SingleAsync(u => u.UsernameNormalized == "admin");
        return (Factory.Services.GetRequiredService<TokenService>(), store, admin);
    }

    private static async Task<TokenPair> Issue(IDocumentStore store, TokenService tokens, User user)
    {
        await using var session = store.LightweightSession("1");
        var pair = tokens.Issue(session, user, 1);
        await session.SaveChangesAsync();
        return pair;
    }

    private static async Task<TokenPair> Rotate(IDocumentStore store, TokenService tokens, string refresh)
    {
        await using var session = store.LightweightSession("1");
        var pair = await tokens.RotateAsync(session, refresh, CancellationToken.None);
        await session.SaveChangesAsync();
        return pair;
    }

    [Fact]
    public async Task Rotating_a_refresh_token_returns_a_new_pair_that_works_for_the_api()
    {
        var (tokens, store, admin) = await Arrange();
        var first = await Issue(store, tokens, admin);

        var second = await Rotate(store, tokens, first.Refresh);

        Assert.NotEqual(first.Refresh, second.Refresh);
        var profile = await As(second.Access).GetAsync("/api/users/profile/");
        Assert.Equal(System.Net.HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_fails_and_revokes_the_whole_family()
    {
        var (tokens, store, admin) = await Arrange();
        var first = await Issue(store, tokens, admin);
        var second = await Rotate(store, tokens, first.Refresh);

        var reuse = await Assert.ThrowsAsync<NotAuthenticated>(() => Rotate(store, tokens, first.Refresh));
        Assert.Equal("TOKEN_NOT_VALID", reuse.Code);

        // The legitimate holder's newer token died with the family.
        await Assert.ThrowsAsync<NotAuthenticated>(() => Rotate(store, tokens, second.Refresh));
        await using var session = store.QuerySession("1");
        var family = await session.Query<RefreshToken>().Where(t => t.UserId == admin.Id).ToListAsync();
        Assert.Equal(2, family.Count);
        Assert.All(family, t => Assert.NotNull(t.RevokedAt));
    }

    [Fact]
    public async Task A_revoked_refresh_token_cannot_be_rotated_and_other_sign_ins_survive()
    {
        var (tokens, store, admin) = await Arrange();
        var phone = await Issue(store, tokens, admin);
        var laptop = await Issue(store, tokens, admin);

        await using (var session = store.LightweightSession("1"))
        {
            await tokens.RevokeAsync(session, phone.Refresh, admin.Id, CancellationToken.None);
            await session.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<NotAuthenticated>(() => Rotate(store, tokens, phone.Refresh));
        var rotated = await Rotate(store, tokens, laptop.Refresh);
        Assert.False(string.IsNullOrEmpty(rotated.Access));
    }

    [Fact]
    public async Task Another_users_refresh_token_cannot_be_revoked()
    {
        var (tokens, store, admin) = await Arrange();
        var pair = await Issue(store, tokens, admin);

        await using var session = store.LightweightSession("1");
        await Assert.ThrowsAsync<NotAuthenticated>(() => tokens.RevokeAsync(session, pair.Refresh, admin.Id + 1000, CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task Garbage_refresh_tokens_are_refused(string refresh)
    {
        var (tokens, store, _) = await Arrange();
        await Assert.ThrowsAsync<NotAuthenticated>(() => Rotate(store, tokens, refresh));
    }

    [Fact]
    public async Task An_access_token_is_not_accepted_as_a_refresh_token()
    {
        var (tokens, store, admin) = await Arrange();
        var pair = await Issue(store, tokens, admin);
        await Assert.ThrowsAsync<NotAuthenticated>(() => Rotate(store, tokens, pair.Access));
    }
}
