using Lms.Features.Common.Media;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>004's <c>{"message": "..."}</c> answers.</summary>
public sealed record MessageResponse(string Message);

/// <summary>1.12: the teacher's own profile (with e-mail and phone).</summary>
public sealed record TeacherProfileResponse(
    Guid Id,
    string Username,
    string Email,
    string Phone,
    string FirstName,
    string LastName,
    string? Avatar,
    string? Logo,
    string? Bio,
    string? Specialization,
    int? ExperienceYears)
{
    public static TeacherProfileResponse From(User u, MediaUrls urls) => new(
        u.Key, u.Username, u.Email, u.Phone, u.FirstName, u.LastName, urls.Absolute(u.AvatarPath), urls.Absolute(u.LogoPath),
        Profiles.OrNull(u.Bio), Profiles.OrNull(u.Specialization), u.ExperienceYears);
}

/// <summary>1.13: what anyone may see of a teacher (no e-mail, no phone).</summary>
public sealed record PublicTeacherProfileResponse(
    Guid Id,
    string Username,
    string FirstName,
    string LastName,
    string? Avatar,
    string? Logo,
    string? Bio,
    string? Specialization,
    int? ExperienceYears)
{
    public static PublicTeacherProfileResponse From(User u, MediaUrls urls) => new(
        u.Key, u.Username, u.FirstName, u.LastName, urls.Absolute(u.AvatarPath), urls.Absolute(u.LogoPath),
        Profiles.OrNull(u.Bio), Profiles.OrNull(u.Specialization), u.ExperienceYears);
}

/// <summary>1.15: the student's own profile, as seen under one teacher.</summary>
public sealed record StudentProfileResponse(
    Guid Id,
    string Username,
    string Email,
    string Phone,
    string ParentPhone,
    string FirstName,
    string LastName,
    string? Avatar,
    string? GradeLevel,
    string? SchoolName)
{
    public static StudentProfileResponse From(User u, MediaUrls urls) => new(
        u.Key, u.Username, u.Email, u.Phone, u.GuardianPhone, u.FirstName, u.LastName, urls.Absolute(u.AvatarPath),
        Profiles.OrNull(u.Grade), Profiles.OrNull(u.SchoolName));
}

/// <summary>1.19: one of the teacher's students, with the teacher's block flag.</summary>
public sealed record TeacherStudentProfileResponse(
    Guid Id,
    string Username,
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string ParentPhone,
    string? Avatar,
    string? GradeLevel,
    string? SchoolName,
    bool IsBlocked)
{
    public static TeacherStudentProfileResponse From(User u, TeacherStudent link, MediaUrls urls) => new(
        u.Key, u.Username, u.FirstName, u.LastName, u.Email, u.Phone, u.GuardianPhone, urls.Absolute(u.AvatarPath),
        Profiles.OrNull(u.Grade), Profiles.OrNull(u.SchoolName), link.IsBlocked);
}

internal static class Profiles
{
    /// <summary>004 shows "string or null": an empty value is null.</summary>
    public static string? OrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
