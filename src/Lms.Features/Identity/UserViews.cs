using System.Text.Json.Serialization;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity;

// Every document's view of the stored User (User.cs), in one place: what each route shows of an account, named after
// the document(s) whose shape it is. Lists that project in the query keep their row records beside the query.

/// <summary>
/// 000's account shape: the 201 of <c>POST /api/auth/register/</c>, the <c>user</c> of the login answer and the items of
/// <c>GET /api/auth/users/</c>. 000 calls teachers "tutor". E-mail and phone are null, and left out, in a student's view
/// of other users (README, Security: what lists expose).
/// </summary>
public sealed record UserView000(
    long Id,
    string Username,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    string FirstName,
    string LastName,
    string UserType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    bool IsVerified,
    DateTimeOffset DateJoined)
{
    public static UserView000 From(User u) =>
        new(u.Id, u.Username, u.Email, u.FirstName, u.LastName, Doc000.Word(u.Role), u.Phone, u.EmailVerified, u.DateJoined);
}

/// <summary>
/// 000's <c>GET/PUT/PATCH /api/auth/profile/</c>: the account plus the profile fields the document shows, and beside them
/// <c>user</c>, the original backend's nested account (its ProfileSerializer), which 000's app reads (profile page).
/// </summary>
public sealed record ProfileView000(
    long Id,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string UserType,
    string Phone,
    bool IsVerified,
    DateTimeOffset DateJoined,
    string Bio,
    string? Avatar,
    DateOnly? DateOfBirth,
    string Address,
    ProfileView000.Account User)
{
    /// <summary>The original backend's nested <c>user</c>: the caller's own account, so e-mail and phone are shown.</summary>
    public sealed record Account(long Id, string Username, string Email, string FirstName, string LastName, string UserType, string Phone);

    public static ProfileView000 From(User u, string? avatarUrl)
    {
        var userType = Doc000.Word(u.Role);
        return new(u.Id, u.Username, u.Email, u.FirstName, u.LastName, userType, u.Phone, u.EmailVerified, u.DateJoined,
            u.Bio, avatarUrl, u.DateOfBirth, u.Address, new Account(u.Id, u.Username, u.Email, u.FirstName, u.LastName, userType, u.Phone));
    }
}

/// <summary>
/// <c>GET /api/users/profile/</c> is documented by both 003 and 002, so it answers with the union of their
/// fields: 003's account fields plus 002's full_name, phone and nested profile. 003's register and PUT answer
/// with the same resource, and 002's <c>/api/users/profiles/me/</c> too.
/// </summary>
public sealed record ProfileView002_003(
    long Id,
    string Username,
    string Email,
    string FirstName,
    string LastName,
    string FullName,
    string Role,
    string Bio,
    string Phone,
    bool IsActive,
    DateTimeOffset DateJoined,
    ProfileView002_003.Nested Profile)
{
    /// <summary>
    /// 002's nested profile: its <c>type</c> says which one it is. Students carry guardian_phone and grade, teachers
    /// their specialization (002's Permission Notes: one profile per role); the fields of another role's profile are
    /// left out rather than sent empty. Bio is the account's (003 edits it), shown for every type.
    /// </summary>
    public sealed record Nested(
        string Type,
        string FullName,
        string Phone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GuardianPhone,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Grade,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Specialization,
        string Bio)
    {
        public static Nested From(User u) => u.Role switch
        {
            Common.Security.Role.Student => new(u.Role.Word(), u.FullName, u.Phone, u.GuardianPhone, u.Grade, null, u.Bio),
            Common.Security.Role.Teacher => new(u.Role.Word(), u.FullName, u.Phone, null, null, u.Specialization, u.Bio),
            _ => new(u.Role.Word(), u.FullName, u.Phone, null, null, null, u.Bio),
        };
    }

    public static ProfileView002_003 From(User u) => new(
        u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.FullName, u.Role.Word(), u.Bio, u.Phone, u.IsActive, u.DateJoined,
        Nested.From(u));
}

/// <summary>001's <c>{id, user_name, profile_pic_url, role}</c>; profile_pic_url is a full URL, null without a picture.</summary>
public sealed record ProfileView001(long Id, string UserName, string? ProfilePicUrl, string Role)
{
    public static ProfileView001 From(User u, MediaUrls media) =>
        new(u.Id, u.Username, media.Absolute(u.AvatarPath), Doc001.Word(u.Role));
}

/// <summary>
/// 004's teacher numbers, from real data: courses the teacher teaches, students who joined them (blocked ones too, as
/// the original backend counts its relations), and the rating. No course has a rating yet (004's course reviews come
/// with the course catalog), so the rating is 0, the original backend's own value for a teacher without one.
/// </summary>
public sealed record TeacherStats004(int NumberOfCourses, int NumberOfStudents, double Rating)
{
    public static readonly TeacherStats004 None = new(0, 0, 0);
}

/// <summary>
/// 1.12: the teacher's own profile (with e-mail and phone), and after the documented fields those of the original
/// backend's TeacherProfileSerializer that 004's app reads: <c>user{…}</c>, <c>full_name</c>, <c>profile_picture</c> and
/// the numbers.
/// </summary>
public sealed record TeacherProfileView004(
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
    int? ExperienceYears,
    TeacherProfileView004.Account User,
    string FullName,
    string? ProfilePicture,
    int NumberOfCourses,
    int NumberOfStudents,
    double Rating)
{
    /// <summary>The original's nested <c>user</c> (its UserInfoSerializer), the id being 004's uuid.</summary>
    public sealed record Account(Guid Id, string Username, string FirstName, string LastName, string Email, string Phone, string UserType);

    public static TeacherProfileView004 From(User u, TeacherStats004 stats, MediaUrls urls)
    {
        var avatar = urls.Absolute(u.AvatarPath);
        return new(u.Key, u.Username, u.Email, u.Phone, u.FirstName, u.LastName, avatar, urls.Absolute(u.LogoPath),
            Profiles.OrNull(u.Bio), Profiles.OrNull(u.Specialization), u.ExperienceYears,
            new Account(u.Key, u.Username, u.FirstName, u.LastName, u.Email, u.Phone, u.Role.Word()),
            u.FullName, avatar, stats.NumberOfCourses, stats.NumberOfStudents, stats.Rating);
    }
}

/// <summary>
/// 1.13: what anyone may see of a teacher (no e-mail, no phone, in <c>user{…}</c> too), with the same app fields as 1.12.
/// </summary>
public sealed record PublicTeacherProfileView004(
    Guid Id,
    string Username,
    string FirstName,
    string LastName,
    string? Avatar,
    string? Logo,
    string? Bio,
    string? Specialization,
    int? ExperienceYears,
    PublicTeacherProfileView004.Account User,
    string FullName,
    string? ProfilePicture,
    int NumberOfCourses,
    int NumberOfStudents,
    double Rating)
{
    public sealed record Account(Guid Id, string Username, string FirstName, string LastName, string UserType);

    public static PublicTeacherProfileView004 From(User u, TeacherStats004 stats, MediaUrls urls)
    {
        var avatar = urls.Absolute(u.AvatarPath);
        return new(u.Key, u.Username, u.FirstName, u.LastName, avatar, urls.Absolute(u.LogoPath),
            Profiles.OrNull(u.Bio), Profiles.OrNull(u.Specialization), u.ExperienceYears,
            new Account(u.Key, u.Username, u.FirstName, u.LastName, u.Role.Word()),
            u.FullName, avatar, stats.NumberOfCourses, stats.NumberOfStudents, stats.Rating);
    }
}

/// <summary>
/// 1.15: the student's own profile, as seen under one teacher, and after the documented fields <c>student{…}</c>, the
/// original backend's StudentProfileSerializer, which 004's app reads (its header shows <c>student.full_name</c> and
/// <c>student.profile_picture</c>).
/// </summary>
public sealed record StudentProfileView004(
    Guid Id,
    string Username,
    string Email,
    string Phone,
    string ParentPhone,
    string FirstName,
    string LastName,
    string? Avatar,
    string? GradeLevel,
    string? SchoolName,
    StudentProfileView004.Details Student)
{
    public sealed record Details(
        Guid Id,
        Account User,
        string FullName,
        string? Bio,
        string? ProfilePicture,
        DateOnly? DateOfBirth,
        string? Address,
        string? Country,
        string? City,
        string? Gender);

    /// <summary>The student's own account (the caller's), so e-mail and both phones are shown.</summary>
    public sealed record Account(
        Guid Id,
        string FirstName,
        string LastName,
        string Email,
        string Username,
        string Phone,
        string ParentPhone,
        string? Avatar,
        string UserType,
        bool IsActive,
        DateTimeOffset CreatedAt,
        DateTimeOffset? LastLogin);

    public static StudentProfileView004 From(User u, MediaUrls urls)
    {
        var avatar = urls.Absolute(u.AvatarPath);
        var account = new Account(u.Key, u.FirstName, u.LastName, u.Email, u.Username, u.Phone, u.GuardianPhone, avatar, u.Role.Word(),
            u.IsActive, u.DateJoined, u.LastLogin);
        var details = new Details(u.Key, account, u.FullName, Profiles.OrNull(u.Bio), avatar, u.DateOfBirth, Profiles.OrNull(u.Address),
            Profiles.OrNull(u.Country), Profiles.OrNull(u.City), Profiles.OrNull(u.Gender));
        return new(u.Key, u.Username, u.Email, u.Phone, u.GuardianPhone, u.FirstName, u.LastName, avatar,
            Profiles.OrNull(u.Grade), Profiles.OrNull(u.SchoolName), details);
    }
}

/// <summary>1.19: one of the teacher's students, with the teacher's block flag.</summary>
public sealed record TeacherStudentProfileView004(
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
    public static TeacherStudentProfileView004 From(User u, TeacherStudent link, MediaUrls urls) => new(
        u.Key, u.Username, u.FirstName, u.LastName, u.Email, u.Phone, u.GuardianPhone, urls.Absolute(u.AvatarPath),
        Profiles.OrNull(u.Grade), Profiles.OrNull(u.SchoolName), link.IsBlocked);
}

internal static class Profiles
{
    /// <summary>004 shows "string or null": an empty value is null.</summary>
    public static string? OrNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>The user inside 004's login answer (1.3, 1.4).</summary>
public sealed record SignInUserView004(Guid Id, string Username, string Email, string UserType)
{
    public static SignInUserView004 From(User u) => new(u.Key, u.Username, u.Email, u.Role.Word());
}

/// <summary>001's <c>user</c> of a sign-in answer: the documented <c>{id, email, first_name, last_name}</c> and the <c>role</c> 001's app reads.</summary>
public sealed record SignInUserView001(long Id, string Email, string FirstName, string LastName, string Role);
