using Npgsql;

namespace Lms.Features.Common.Persistence;

/// <summary>Recognises the database failures that mean "someone else got there first".</summary>
public static class DatabaseErrors
{
    /// <summary>Index names whose violation has a message a client can act on.</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal);

    /// <summary>Registers the client-facing message for a unique index (declared next to the feature).</summary>
    public static void Describe(string indexName, string message) => Messages[indexName] = message;

    public static bool IsConflict(Exception e, out string? constraint)
    {
        constraint = null;
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg:
                    constraint = pg.ConstraintName;
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure }:
                    return true;
            }
            if (x.GetType().Name is "DocumentAlreadyExistsException" or "ConcurrentUpdateException" or "ConcurrencyException") return true;
        }
        return false;
    }

    public static string ConflictMessage(string? constraint) =>
        constraint is not null && Messages.TryGetValue(constraint, out var m)
            ? m
            : "The resource was changed by another request; reload it and try again.";
}
