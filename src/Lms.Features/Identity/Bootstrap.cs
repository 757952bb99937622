using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Clients;
using Microsoft.Extensions.Options;

namespace Lms.Features.Identity;

/// <summary>Configuration section <c>Lms:Bootstrap</c>: the first admin (spec decision 7).</summary>
public sealed class BootstrapSettings
{
    public string AdminUsername { get; set; } = "admin";
    public string AdminEmail { get; set; } = "admin@lms.local";

    /// <summary>No admin is created while this is empty.</summary>
    public string AdminPassword { get; set; } = "";
}

/// <summary>Creates the default client 1 and the first admin when they do not exist. Idempotent.</summary>
public sealed class Bootstrap(IDocumentStore store, IOptions<BootstrapSettings> settings, TimeProvider clock,
    ILogger<Bootstrap> logger)
{
    public const long ReservedClientIds = 100;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var session = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId)))
        {
            if (await session.LoadAsync<Client>(TenantContext.DefaultClientId, ct) is null)
            {
                session.Store(new Client { Id = TenantContext.DefaultClientId, Name = "Default", Slug = "default", CreatedAt = now });
                await session.SaveChangesAsync(ct);
                // Client ids up to 100 are reserved for configured clients (1, and 2 in the demo data); created ones
                // come after. Only on the first start: the floor is never moved back under existing clients.
                await store.Advanced.ResetHiloSequenceFloor<Client>(ReservedClientIds);
            }
        }

        var s = settings.Value;
        if (string.IsNullOrEmpty(s.AdminPassword))
        {
            logger.LogWarning("Lms:Bootstrap:AdminPassword is empty; no first admin is created");
            return;
        }
        if (AccountRules.UsernameProblem(s.AdminUsername) is { } problem)
            throw new InvalidOperationException($"Lms:Bootstrap:AdminUsername \"{s.AdminUsername}\" is not a valid username: {problem}");
        await using var tenantSession = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId));
        var username = AccountRules.Key(s.AdminUsername);
        if (await tenantSession.Query<User>().AnyAsync(u => u.UsernameNormalized == username, ct)) return;

        var admin = User.Create(s.AdminUsername, s.AdminEmail, "Site", "Admin", Role.Admin, now);
        admin.PasswordHash = Passwords.Hash(admin, s.AdminPassword);
        tenantSession.Insert(admin);
        await tenantSession.SaveChangesAsync(ct);
        logger.LogInformation("Created the first admin {Username}", admin.Username);
    }
}
