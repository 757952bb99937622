using Npgsql;

namespace Lms.Features.Common.Persistence;

/// <summary>Recognises the database failures that mean "someone else got there first".</summary>
public static class DatabaseErrors
{
    /// <summary>Index names whose violation has a message a client can act on.</summary>
    // Written while each host configures Marten (tests run several hosts at once), read on every conflict.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Field, string Message)> Messages = new(StringComparer.Ordinal);

    /// <summary>Registers the client-facing message (and the field it is about) for a unique index, next to the feature.</summary>
    public static void Describe(string indexName, string? field, string message) => Messages[indexName] = (field, message);

    /// <summary>
    /// True for a lost race. Walks the whole chain: Marten wraps a unique violation (which names the index) in its own
    /// exception, so the index name is only found further in.
    /// </summary>
    public static bool IsConflict(Exception e, out string? constraint)
    {
        constraint = null;
        var conflict = false;
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg:
                    constraint = pg.ConstraintName;
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                    conflict = true;
                    break;
            }
            if (x.GetType().Name is "DocumentAlreadyExistsException" or "ConcurrentUpdateException" or "ConcurrencyException")
                conflict = true;
        }
        return conflict;
    }

    /// <summary>The 409 a lost race becomes: the index's own message and field when it has one.</summary>
    public static Conflict ToConflict(string? constraint)
    {
        if (constraint is not null && Messages.TryGetValue(constraint, out var m))
        {
            return m.Field is null
                ? new Conflict(m.Message)
                : new Conflict(m.Message, new Dictionary<string, string[]> { [m.Field] = [m.Message] });
        }
        return new Conflict("The resource was changed by another request; reload it and try again.");
    }
}
