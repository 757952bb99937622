namespace Lms.Features.Common.Surfaces;

/// <summary>
/// The dialect 000, 001 and 002 share: DRF's error body, and DRF's (and simplejwt's) 401 and 403, which 003 answers too
/// in its own body format.
/// </summary>
public static class DrfErrors
{
    /// <summary>Django REST Framework's error body: field errors as the top-level dict, anything else as <c>{"detail"}</c>.</summary>
    public static void AddTo(Dictionary<string, object?> body, string message, IReadOnlyDictionary<string, string[]> fields)
    {
        if (fields.Count == 0)
        {
            body["detail"] = message;
            return;
        }
        foreach (var (field, messages) in fields) body[field] = messages;
    }

    public static AppException Unauthenticated(bool hadToken) => hadToken
        ? new NotAuthenticated("Given token not valid for any token type", "TOKEN_NOT_VALID")
        : new NotAuthenticated();

    public static AppException Forbidden() => new PermissionDenied();

    /// <summary>The 401 in the dialect of the documents a route belongs to (004's titled one only for a 004-only route).</summary>
    public static AppException UnauthenticatedFor(ApiDocument documents, bool hadToken) =>
        documents == ApiDocument.Doc004 ? Doc004.Unauthenticated(hadToken) : Unauthenticated(hadToken);

    /// <summary>The 403 in the dialect of the documents a route belongs to.</summary>
    public static AppException ForbiddenFor(ApiDocument documents) =>
        documents == ApiDocument.Doc004 ? Doc004.Forbidden() : Forbidden();
}
