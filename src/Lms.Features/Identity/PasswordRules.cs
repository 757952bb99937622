namespace Lms.Features.Identity;

/// <summary>Django's default password validators, as the documents expect them.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    // A short list of the most common passwords (Django ships 20k; these are the ones that matter in practice).
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password123", "12345678", "123456789", "1234567890", "qwerty123", "qwertyuiop",
        "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1", "welcome123", "abc12345",
        "letmein1", "passw0rd", "p@ssw0rd", "admin123", "trustno1", "superman", "11111111", "00000000",
        "asdfghjkl", "zaq12wsx", "1q2w3e4r", "starwars", "dragon123", "monkey123", "changeme", "secret123",
    };

    /// <summary>The messages Django would give, in its order; empty when the password is acceptable.</summary>
    public static IReadOnlyList<string> Check(string password, string? username = null, string? email = null)
    {
        var problems = new List<string>();
        if (password.Length < MinLength)
            problems.Add($"This password is too short. It must contain at least {MinLength} characters.");
        if (password.Length > MaxLength)
            problems.Add($"This password is too long. It must contain at most {MaxLength} characters.");
        if (Common.Contains(password))
            problems.Add("This password is too common.");
        if (password.Length > 0 && password.All(char.IsDigit))
            problems.Add("This password is entirely numeric.");
        if (IsSimilar(password, username) || IsSimilar(password, email?.Split('@')[0]))
            problems.Add("The password is too similar to the username.");
        return problems;
    }

    private static bool IsSimilar(string password, string? attribute) =>
        !string.IsNullOrWhiteSpace(attribute) && attribute.Length >= 3 &&
        (password.Contains(attribute, StringComparison.OrdinalIgnoreCase) ||
         attribute.Contains(password, StringComparison.OrdinalIgnoreCase));
}
