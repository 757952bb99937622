using Marten.Patching;
using Lms.Features.Common.Tenancy;
using Lms.Features.Identity.Clients;

namespace Lms.Features.Identity;

/// <summary>Marks that every stored account key was computed by the <see cref="AccountRules.Key"/> of that version.</summary>
public sealed class AccountKeyVersion
{
    public string Id { get; set; } = "";
    public DateTimeOffset AppliedAt { get; set; }
    public int Accounts { get; set; }
    public int Collisions { get; set; }
}

/// <summary>
/// Start-up migration of the stored username and e-mail keys to <see cref="AccountRules.Key"/> (NFKC, case-folded,
/// look-alikes mapped), once per <see cref="Version"/>. Each client is migrated in one transaction, in two steps (every
/// changed key first moves to a placeholder, then to its new value), so no unique index sees a passing clash.
/// When two existing accounts now share a key, the one whose stored name already is the plain form keeps it (else the
/// older one), and the other keeps a key no input produces: it signs in by its other name (README, Security).
/// </summary>
public sealed class AccountKeyMigration(IDocumentStore store, TimeProvider clock, ILogger<AccountKeyMigration> logger)
{
    public const string Version = "account-keys-2";
    private const int PageSize = 5000;

    public async Task RunAsync(CancellationToken ct)
    {
        await using var global = store.LightweightSession(TenantContext.TenantIdOf(TenantContext.DefaultClientId));
        if (await global.LoadAsync<AccountKeyVersion>(Version, ct) is not null) return;

        var clients = (await global.Query<Client>().Select(c => c.Id).ToListAsync(ct)).ToList();
        if (!clients.Contains(TenantContext.DefaultClientId)) clients.Add(TenantContext.DefaultClientId);
        var (accounts, collisions) = (0, 0);
        foreach (var client in clients)
        {
            var (n, clashes) = await MigrateClientAsync(client, ct);
            accounts += n;
            collisions += clashes;
        }

        global.Store(new AccountKeyVersion { Id = Version, AppliedAt = clock.GetUtcNow(), Accounts = accounts, Collisions = collisions });
        await global.SaveChangesAsync(ct);
        if (accounts > 0) logger.LogInformation("Account keys {Version}: {Accounts} account(s) re-keyed, {Collisions} clash(es)", Version, accounts, collisions);
    }

    private sealed record Row(long Id, string Username, string Email, string UsernameNormalized, string EmailNormalized);

    private async Task<(int Changed, int Collisions)> MigrateClientAsync(long client, CancellationToken ct)
    {
        await using var session = store.LightweightSession(TenantContext.TenantIdOf(client));
        var rows = new List<Row>();
        for (long after = long.MinValue; ;)
        {
            var last = after;
            var page = await session.Query<User>().Where(u => u.Id > last).OrderBy(u => u.Id).Take(PageSize)
                .Select(u => new { u.Id, u.Username, u.Email, u.UsernameNormalized, u.EmailNormalized })
                .ToListAsync(ct);
            rows.AddRange(page.Select(u => new Row(u.Id, u.Username, u.Email, u.UsernameNormalized, u.EmailNormalized)));
            if (page.Count < PageSize) break;
            after = page[^1].Id;
        }

        var usernames = Assign(rows, r => r.Username, out var usernameClashes);
        var emails = Assign(rows, r => r.Email, out var emailClashes);
        var changed = rows.Where(r => usernames[r.Id] != r.UsernameNormalized || emails[r.Id] != r.EmailNormalized).ToList();
        if (changed.Count == 0) return (0, usernameClashes + emailClashes);

        foreach (var r in changed)
        {
            var placeholder = $"\u0001migrating:{r.Id}";
            session.Patch<User>(r.Id).Set(x => x.UsernameNormalized, placeholder).Set(x => x.EmailNormalized, placeholder);
        }
        foreach (var r in changed)
        {
            var (username, email, id) = (usernames[r.Id], emails[r.Id], r.Id);
            session.Patch<User>(id).Set(x => x.UsernameNormalized, username).Set(x => x.EmailNormalized, email);
            session.Patch<TeacherStudent>(x => x.StudentId == id)
                .Set(x => x.StudentUsernameNormalized, username)
                .Set(x => x.StudentEmailNormalized, email);
        }
        await session.SaveChangesAsync(ct);
        if (usernameClashes + emailClashes > 0)
            logger.LogWarning("Client {Client}: {Count} account name(s) now look alike another account's; see README, Security", client,
                usernameClashes + emailClashes);
        return (changed.Count, usernameClashes + emailClashes);
    }

    /// <summary>The new key of each account's name; a clash leaves the loser a key that no typed input can produce.</summary>
    private static Dictionary<long, string> Assign(List<Row> rows, Func<Row, string> name, out int clashes)
    {
        var result = new Dictionary<long, string>(rows.Count);
        clashes = 0;
        foreach (var group in rows.GroupBy(r => AccountRules.Key(name(r)), StringComparer.Ordinal))
        {
            // The winner: the account whose name already is the plain form of the key, else the oldest.
            var ordered = group.OrderBy(r => string.Equals(name(r).Trim().ToLowerInvariant(), group.Key, StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(r => r.Id).ToList();
            result[ordered[0].Id] = group.Key;
            foreach (var loser in ordered.Skip(1))
            {
                result[loser.Id] = $"\u0001clash:{loser.Id}:{group.Key}";
                clashes++;
            }
        }
        return result;
    }
}
