using System.Text.Json;
using Lms.Features.Common.Json;

namespace Lms.Features.Common.Surfaces;

/// <summary>
/// Builds and writes error bodies in the format of the documents a route belongs to (spec decision 2), each document's
/// keys written by its dialect (<see cref="DrfErrors"/> for 000, 001 and 002, <see cref="Doc003"/>, <see cref="Doc004"/>).
/// A route of two documents answers with the union of their keys.
/// </summary>
public static class ErrorBody
{
    /// <summary>Builds the body for the given documents. Never contains exception types or stack traces.</summary>
    public static Dictionary<string, object?> Build(
        ApiDocument documents, string code, string message, IReadOnlyDictionary<string, string[]> fields, string? title = null)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (documents == ApiDocument.None) documents = ApiDocument.Doc000;

        // Each document's dialect adds its keys; the order (DRF's, then 004's, then 003's) keeps a shared route's union stable.
        if ((documents & (ApiDocument.Doc000 | ApiDocument.Doc001 | ApiDocument.Doc002)) != 0) DrfErrors.AddTo(body, message, fields);
        if (documents.HasFlag(ApiDocument.Doc004)) Doc004.AddErrorTo(body, message, fields, title);
        if (documents.HasFlag(ApiDocument.Doc003)) Doc003.AddErrorTo(body, code, message, fields);

        return body;
    }

    /// <summary>The documents of the endpoint that handled (or failed to handle) the request.</summary>
    public static ApiDocument DocumentsOf(HttpContext http)
    {
        var surface = http.GetEndpoint()?.Metadata.GetMetadata<DocumentSurface>();
        return surface?.Documents
               ?? http.RequestServices.GetService<UnmatchedPaths>()?.DocumentsOf(http.Request.Path)
               ?? UnmatchedPaths.Default;
    }

    public static Task WriteAsync(HttpContext http, int status, string code, string message,
        IReadOnlyDictionary<string, string[]>? fields = null, string? title = null)
    {
        var body = Build(DocumentsOf(http), code, message, fields ?? new Dictionary<string, string[]>(), title);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, body, LmsJson.Options, http.RequestAborted);
    }

    public static Task WriteAsync(HttpContext http, AppException error)
    {
        if (error is TooManyRequests throttled)
            http.Response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(http, error.Status, error.Code, error.Message, error.Fields, error.Title);
    }
}
