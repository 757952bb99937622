using Lms.Features.Common.Security;

namespace Lms.Features.Identity;

/// <summary>One account, shared by all five documents (spec decision 1). Owned by a client (tenant).</summary>
public sealed class User
{
    public long Id { get; set; }

    /// <summary>The uuid 004 shows.</summary>
    public Guid Key { get; set; } = Guid.CreateVersion7();

    public string Username { get; set; } = "";
    public string UsernameNormalized { get; set; } = "";
    public string Email { get; set; } = "";
    public string EmailNormalized { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public Role Role { get; set; }
    public string Bio { get; set; } = "";
    public string Phone { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset DateJoined { get; set; }
    public DateTimeOffset? LastLogin { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static User Create(string username, string email, string firstName, string lastName, Role role, DateTimeOffset now) => new()
    {
        Username = username.Trim(),
        UsernameNormalized = Normalize(username),
        Email = email.Trim(),
        EmailNormalized = Normalize(email),
        FirstName = firstName.Trim(),
        LastName = lastName.Trim(),
        Role = role,
        DateJoined = now,
    };
}

public sealed class UsersSchema : IConfigureMarten
{
    public const string UsernameIndex = "ux_users_username";
    public const string EmailIndex = "ux_users_email";

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Schema.For<User>()
            .MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, UsernameIndex, TenancyScope.PerTenant, x => x.UsernameNormalized)
            .UniqueIndex(UniqueIndexType.Computed, EmailIndex, TenancyScope.PerTenant, x => x.EmailNormalized)
            .UniqueIndex(UniqueIndexType.Computed, "ux_users_key", x => x.Key)
            .Index(x => x.Role);
        Common.Persistence.DatabaseErrors.Describe(UsernameIndex, "username", "A user with that username already exists.");
        Common.Persistence.DatabaseErrors.Describe(EmailIndex, "email", "A user with that email already exists.");
    }
}
