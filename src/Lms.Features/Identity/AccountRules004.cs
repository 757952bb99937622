using System.Linq.Expressions;
using Lms.Features.Common.Media;

namespace Lms.Features.Identity;

/// <summary>The account fields 004's teacher and student registrations share.</summary>
public interface IAccountFields
{
    string? FirstName { get; }
    string? LastName { get; }
    string? Username { get; }
    string? Email { get; }
    string? Phone { get; }
    string? Password1 { get; }
    string? Password2 { get; }
}

/// <summary>004's registration rules and messages ("Complete Error Response Documentation" 1.1 and 9.1).</summary>
public static class AccountRules004
{
    public const int UsernameMin = 5;
    public const int NameMax = 150;
    public const string UsernameTooShort = "Username must be at least 5 characters long.";
    public const string UsernameTaken = "A user with that username already exists.";
    public const string EmailTaken = "Email already exists.";
    public const string PhoneTaken = "Phone already exists.";
    /// <summary>004's message for a phone that breaks <see cref="AccountRules.IsPhone"/>.</summary>
    public const string PhoneNotNumber = "Phone must be a number.";
    public const string ParentPhoneNotNumber = "Parent phone must be a number.";
    public const string PasswordsDiffer = "Passwords don't match.";
    /// <summary>
    /// What a 004 login signs in with: the documented <c>username</c>, or else <c>email</c>, which 004's app sends instead
    /// (its teacher page an e-mail, its student page whatever was typed under "username / e-mail"). Either resolves as
    /// <see cref="SignIn.PasswordSignIn.CheckPasswordAsync"/> does: with an <c>@</c> an e-mail, otherwise a username. When both are given
    /// the documented <c>username</c> decides and <c>email</c> is ignored, so the documented form means what it always did.
    /// </summary>
    public static string? SignInName(string? username, string? email) =>
        string.IsNullOrWhiteSpace(username) ? email : username;

    public static void AddAccountRules<T>(this AbstractValidator<T> v) where T : IAccountFields
    {
        v.RuleFor(x => x.FirstName).Required().MaxChars(NameMax);
        v.RuleFor(x => x.LastName).Required().MaxChars(NameMax);
        v.RuleFor(x => x.Username).Required().MaxChars(NameMax)
            .Must(u => u!.Trim().Length >= UsernameMin).WithMessage(UsernameTooShort)
            .Username();
        v.RuleFor(x => x.Email).Email();
        v.RuleFor(x => x.Phone).Required().Phone(PhoneNotNumber);
    }

    public static void AddPasswordRules<T>(this AbstractValidator<T> v) where T : IAccountFields
    {
        v.RuleFor(x => x.Password1).Required().Custom((password, ctx) =>
        {
            foreach (var problem in PasswordRules.Check(password!, ctx.InstanceToValidate.Username?.Trim(), ctx.InstanceToValidate.Email?.Trim()))
                ctx.AddFailure(problem);
        });
        v.RuleFor(x => x.Password2).Required()
            .Must((c, p2) => string.Equals(p2, c.Password1, StringComparison.Ordinal)).WithMessage(PasswordsDiffer);
    }

    /// <summary>An optional image upload (9.1): a real JPEG/PNG/GIF/WebP of at most 5 MB, and never a text value.</summary>
    public static void AddImageRule<T>(this AbstractValidator<T> v, Expression<Func<T, IFormFile?>> file, Expression<Func<T, string?>> text)
    {
        v.RuleFor(file).Custom((f, ctx) =>
        {
            if (f is not null && ImageUploads.Check(f) is { } problem) ctx.AddFailure(problem);
        });
        var name = LmsJsonName(file);
        v.RuleFor(text).Must(string.IsNullOrEmpty).WithMessage(DrfMessages.NotAFile).OverridePropertyName(name);
    }

    /// <summary>The 400 for taken username, e-mail or phone (and the missing teacher of a student registration).</summary>
    public static ValidationFailed? Taken(IReadOnlySet<string> taken, bool teacherMissing = false)
    {
        var errors = new List<(string, string)>();
        if (taken.Contains("username")) errors.Add(("username", UsernameTaken));
        if (taken.Contains("email")) errors.Add(("email", EmailTaken));
        if (taken.Contains("phone")) errors.Add(("phone", PhoneTaken));
        if (teacherMissing) errors.Add(("teacher", Doc004.Errors.TeacherMissing));
        return errors.Count == 0 ? null : ValidationFailed.For([.. errors]);
    }

    /// <summary>A registration that lost a race on a unique index gets the same 400 as the pre-check.</summary>
    public static ValidationFailed? UniqueViolation(string? constraint) => constraint switch
    {
        UsersSchema.UsernameIndex => ValidationFailed.For("username", UsernameTaken),
        UsersSchema.EmailIndex => ValidationFailed.For("email", EmailTaken),
        UsersSchema.PhoneIndex => ValidationFailed.For("phone", PhoneTaken),
        _ => null,
    };

    /// <summary>Creates the account with the fields every 004 registration has; the caller inserts it.</summary>
    public static User NewAccount(IAccountFields c, Common.Security.Role role, DateTimeOffset now)
    {
        var user = User.Create(c.Username!, c.Email!, c.FirstName!, c.LastName!, role, now);
        user.SetPhone(c.Phone);
        user.RegisteredVia = "004";
        user.PasswordHash = Passwords.Hash(user, c.Password1!);
        return user;
    }

    private static string LmsJsonName<T>(Expression<Func<T, IFormFile?>> file) =>
        Common.Json.LmsJson.Name(((MemberExpression)file.Body).Member.Name);
}
