namespace Lms.Features.Common.Surfaces;

/// <summary>The five API documents Lms serves (../shared/spec). A route belongs to one or more of them.</summary>
[Flags]
public enum ApiDocument
{
    None = 0,
    /// <summary>000: Student Management System. DRF errors, integer ids.</summary>
    Doc000 = 1,
    /// <summary>001: AI-Linc, multi-tenant. DRF errors, integer ids.</summary>
    Doc001 = 2,
    /// <summary>002: LMS with approval, wallet. DRF errors, integer ids, count/next/previous/results pages.</summary>
    Doc002 = 4,
    /// <summary>003: small course API. {success, message, error_code, details} envelope, integer ids.</summary>
    Doc003 = 8,
    /// <summary>004: {error, detail} errors, uuids, pages of 5.</summary>
    Doc004 = 16,
}

/// <summary>Endpoint metadata: which documents a route belongs to. Decides its error body format.</summary>
public sealed record DocumentSurface(ApiDocument Documents);

public static class SurfaceExtensions
{
    /// <summary>
    /// Declares which documents a route belongs to, and the error statuses it can answer (every route can also answer
    /// 429 when rate-limited), so the OpenAPI document lists them with the error body's keys.
    /// </summary>
    public static TBuilder ForDocuments<TBuilder>(this TBuilder builder, ApiDocument documents, params int[] errors)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new DocumentSurface(documents));
        foreach (var status in errors.Append(StatusCodes.Status429TooManyRequests).Distinct())
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(
                status, typeof(ErrorResponse), ["application/json"]));
        }
        return builder;
    }
}

/// <summary>
/// The error body as OpenAPI shows it: which keys are present depends on the route's documents (spec decision 2):
/// DRF's <c>detail</c> or field dict (000/001/002), 003's envelope, 004's <c>error</c>/<c>field_errors</c>.
/// </summary>
public sealed record ErrorResponse(
    string? Detail,
    bool? Success,
    string? Message,
    string? ErrorCode,
    IReadOnlyDictionary<string, string[]>? Details,
    string? Error,
    IReadOnlyDictionary<string, string[]>? FieldErrors);
