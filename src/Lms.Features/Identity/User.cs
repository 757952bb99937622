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

    /// <summary>The phone's digits, unique per client when set (004: "Phone already exists."); null when no phone.</summary>
    public string? PhoneKey { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Set by 000's verify-email and by 001's OTP sign-up (which only creates verified accounts).</summary>
    public bool EmailVerified { get; set; }

    /// <summary>004's per-user slug (from the username).</summary>
    public string Slug { get; set; } = "";

    /// <summary>Relative media paths (see <c>Common.Media</c>); 001's profile_pic_url and 004's avatar/profile_picture.</summary>
    public string? AvatarPath { get; set; }

    /// <summary>004 teachers' logo.</summary>
    public string? LogoPath { get; set; }

    public DateOnly? DateOfBirth { get; set; }
    public string Address { get; set; } = "";
    public string Country { get; set; } = "";
    public string City { get; set; } = "";
    public string Gender { get; set; } = "";

    /// <summary>002's guardian_phone = 004's parent_phone.</summary>
    public string GuardianPhone { get; set; } = "";

    /// <summary>002's grade = 004's grade_level.</summary>
    public string Grade { get; set; } = "";

    /// <summary>004's school_name.</summary>
    public string SchoolName { get; set; } = "";

    /// <summary>Teachers: 002's and 004's specialization, 004's experience_years.</summary>
    public string Specialization { get; set; } = "";
    public int? ExperienceYears { get; set; }

    /// <summary>Which document's registration created the account (for support and analytics only).</summary>
    public string RegisteredVia { get; set; } = "";
    public DateTimeOffset DateJoined { get; set; }
    public DateTimeOffset? LastLogin { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>The digits of a phone number, or null when it has none (the unique key of <see cref="PhoneKey"/>).</summary>
    public static string? PhoneKeyOf(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Sets the phone and its unique key together.</summary>
    public void SetPhone(string? phone)
    {
        Phone = phone?.Trim() ?? "";
        PhoneKey = PhoneKeyOf(Phone);
    }

    /// <summary>002's single full_name: the first word is the first name, the rest the last name (round-trips).</summary>
    public void SetFullName(string fullName)
    {
        var trimmed = fullName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        FirstName = space < 0 ? trimmed : trimmed[..space];
        LastName = space < 0 ? "" : trimmed[(space + 1)..].Trim();
    }

    public static User Create(string username, string email, string firstName, string lastName, Role role, DateTimeOffset now) => new()
    {
        Username = username.Trim(),
        UsernameNormalized = AccountRules.Key(username),
        Email = email.Trim(),
        EmailNormalized = AccountRules.Key(email),
        FirstName = firstName.Trim(),
        LastName = lastName.Trim(),
        Role = role,
        DateJoined = now,
        Slug = SlugOf(username),
    };

    /// <summary>A URL-safe slug of a username (004's user slug).</summary>
    public static string SlugOf(string username) =>
        new string(username.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
}

public sealed class UsersSchema : IConfigureMarten
{
    public const string UsernameIndex = "ux_users_username";
    public const string EmailIndex = "ux_users_email";
    public const string PhoneIndex = "ux_users_phone";

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        options.Schema.For<User>()
            .MultiTenanted()
            .UniqueIndex(UniqueIndexType.Computed, UsernameIndex, TenancyScope.PerTenant, x => x.UsernameNormalized)
            .UniqueIndex(UniqueIndexType.Computed, EmailIndex, TenancyScope.PerTenant, x => x.EmailNormalized)
            .UniqueIndex(UniqueIndexType.Computed, PhoneIndex, TenancyScope.PerTenant, x => x.PhoneKey!)
            .UniqueIndex(UniqueIndexType.Computed, "ux_users_key", x => x.Key)
            .Index(x => x.Role);
        Common.Persistence.DatabaseErrors.Describe(UsernameIndex, "username", "A user with that username already exists.");
        Common.Persistence.DatabaseErrors.Describe(EmailIndex, "email", "A user with that email already exists.");
        Common.Persistence.DatabaseErrors.Describe(PhoneIndex, "phone", "Phone already exists.");
    }
}
