using System.Security.Claims;
using Lms.Features.Common.Tenancy;

namespace Lms.Features.Common.Security;

/// <summary>The three roles. tutor = teacher = instructor (spec decision 1); each document shows its own word.</summary>
public enum Role
{
    Student,
    Teacher,
    Admin,
}

public static class Roles
{
    public const string Student = "student";
    public const string Teacher = "teacher";
    public const string Admin = "admin";

    /// <summary>Parses a role word from any document, including the aliases tutor and instructor.</summary>
    public static bool TryParse(string? word, out Role role)
    {
        switch (word?.Trim().ToLowerInvariant())
        {
            case "student": role = Role.Student; return true;
            case "teacher" or "tutor" or "instructor": role = Role.Teacher; return true;
            case "admin": role = Role.Admin; return true;
            default: role = Role.Student; return false;
        }
    }

    public static string Word(this Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Teacher => Teacher,
        _ => Student,
    };
}

public static class Policies
{
    public const string Authenticated = "authenticated";
    public const string Teacher = "teacher-or-admin";
    public const string Admin = "admin";
    public const string Student = "student";
}

public static class LmsClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Client = "client_id";
    public const string TokenType = "token_type";
    public const string TokenId = "jti";
    public const string Family = "fam";

    public static long UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(Subject), out var id) ? id : throw new NotAuthenticated();

    public static long? UserIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirstValue(Subject), out var id) ? id : null;

    public static Role? RoleOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Roles.TryParse(user.FindFirstValue(Role), out var r) ? r : null;

    public static long? ClientOrNull(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(Client), out var id) ? id : null;

    /// <summary>
    /// A platform admin: an admin whose token was issued in the default client 1. The admin of any other client
    /// administers that client only (platform pages such as the job dashboard are not theirs).
    /// </summary>
    public static bool IsPlatformAdmin(this ClaimsPrincipal user) =>
        user.RoleOrNull() == Security.Role.Admin && user.ClientOrNull() == TenantContext.DefaultClientId;
}

/// <summary>Who is calling, as handlers see it (built by the endpoint from the principal).</summary>
public sealed record Caller(long Id, Role Role)
{
    public bool IsAdmin => Role == Role.Admin;
    public bool IsTeacher => Role == Role.Teacher;

    public static Caller From(ClaimsPrincipal user) =>
        new(user.UserId(), user.RoleOrNull() ?? throw new NotAuthenticated());

    public static Caller? FromOrNull(ClaimsPrincipal user) =>
        user.UserIdOrNull() is { } id && user.RoleOrNull() is { } role ? new Caller(id, role) : null;
}
