using System.Buffers.Binary;
using Lms.Api.Hosting;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Lms.Tests.Integration.Platform;

/// <summary>
/// PBKDF2's work factor: 100,000 by default; the suite's hosts set 1,000 (Lms:Passwords:Iterations), which only the
/// "Testing" environment may do; a hash keeps its own count, so one made at the default still verifies.
/// </summary>
public sealed class PasswordHashingTests(LmsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task The_test_hosts_hash_with_their_configured_count_and_still_verify_a_default_hash()
    {
        var (_, id, username) = await NewUser();
        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession("1");
        var user = await session.Query<User>().SingleAsync(u => u.Id == id);
        Assert.Equal(1000, IterationsOf(user.PasswordHash));

        // A hash made with the production count (as a deployment's users have) verifies and signs in.
        var strong = new Microsoft.AspNetCore.Identity.PasswordHasher<User>().HashPassword(user, "Another-Sturdy-2026");
        Assert.Equal(Passwords.DefaultIterations, IterationsOf(strong));
        user.PasswordHash = strong;
        Assert.True(Passwords.Verify(user, "Another-Sturdy-2026"));
        Assert.False(Passwords.Verify(user, "Sturdy-Pass-2026"));
        Assert.NotEmpty(username);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void A_lower_count_outside_the_test_environment_stops_the_start(string environment)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lms:Passwords:Iterations"] = "1000" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() =>
            IdentityServices.ConfigurePasswordHashing(config, new HostingEnvironment { EnvironmentName = environment }));
        Assert.Contains("at least 100000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_is_ASP_NET_Core_Identitys_own()
    {
        Assert.Equal(Passwords.DefaultIterations, new Microsoft.AspNetCore.Identity.PasswordHasherOptions().IterationCount);
    }

    /// <summary>Identity's v3 format: 0x01, PRF, iteration count, salt length (big-endian uint32 each), salt, subkey.</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
