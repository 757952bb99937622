namespace Lms.Features.Common.Errors;

/// <summary>
/// A known failure a handler or the pipeline raises on purpose. The error writer turns it into the body
/// format of the route's document; anything else becomes a 500 without internals.
/// </summary>
public abstract class AppException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Stable upper-case code (003's <c>error_code</c>).</summary>
    public string Code { get; } = code;

    /// <summary>004's short <c>error</c> title ("Account blocked"); the message is its <c>detail</c>. Null: the message is both.</summary>
    public string? Title { get; init; }

    /// <summary>Per-field messages; empty when the error is not about fields.</summary>
    public virtual IReadOnlyDictionary<string, string[]> Fields => EmptyFields;

    protected static readonly IReadOnlyDictionary<string, string[]> EmptyFields = new Dictionary<string, string[]>();
}

public sealed class ValidationFailed(IReadOnlyDictionary<string, string[]> fields, string message = "Invalid input.")
    : AppException(400, "VALIDATION_ERROR", message)
{
    public override IReadOnlyDictionary<string, string[]> Fields { get; } = fields;

    public static ValidationFailed For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Several fields at once, in the order given.</summary>
    public static ValidationFailed For(params (string Field, string Message)[] errors) =>
        new(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
}

public sealed class BadRequest(string message, string code = "BAD_REQUEST") : AppException(400, code, message);

public sealed class NotAuthenticated(string message = "Authentication credentials were not provided.", string code = "NOT_AUTHENTICATED")
    : AppException(401, code, message);

public sealed class PermissionDenied(string message = "You do not have permission to perform this action.")
    : AppException(403, "PERMISSION_DENIED", message);

public sealed class NotFound(string what) : AppException(404, "NOT_FOUND", $"{Capitalize(what)} not found.")
{
    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

public sealed class Conflict(string message, IReadOnlyDictionary<string, string[]>? fields = null)
    : AppException(409, "CONFLICT", message)
{
    public override IReadOnlyDictionary<string, string[]> Fields { get; } = fields ?? EmptyFields;
}

public sealed class ServiceUnavailable(string message) : AppException(503, "SERVICE_UNAVAILABLE", message);

/// <summary>429 from an abuse throttle (login, OTP, password reset): per account and per IP.</summary>
public sealed class TooManyRequests(string message, int retryAfterSeconds) : AppException(429, "RATE_LIMITED", message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
