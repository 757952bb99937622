namespace Lms.Features.Common.Surfaces;

/// <summary>DRF's (and simplejwt's) 401 and 403, which 000, 001, 002 and 003 answer in their own body formats.</summary>
public static class DrfErrors
{
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
