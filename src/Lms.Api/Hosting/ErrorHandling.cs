using System.Text.Json;
using System.Text.RegularExpressions;
using Lms.Features.Common.Errors;
using Lms.Features.Common.Surfaces;
using Lms.Features.Common.Validation;
using Microsoft.AspNetCore.Diagnostics;

namespace Lms.Api.Hosting;

/// <summary>
/// The one place exceptions become responses: known errors in the route's document format; malformed JSON,
/// wrong types and unknown fields as 400s naming the field; anything else a logged 500 without internals.
/// </summary>
internal static partial class ErrorHandling
{
    /// <summary>
    /// Innermost: translates exceptions while the endpoint (and so the route's documents) and the response headers
    /// (rate limits, correlation id) are still in place.
    /// </summary>
    public static IApplicationBuilder UseLmsErrorTranslation(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted)
            {
                var known = Translate(e, BodyTypeOf(http));
                if (known is null)
                {
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Lms.Errors")
                        .LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                    known = new ServerError();
                }
                await ErrorBody.WriteAsync(http, known);
            }
        });

    /// <summary>
    /// NUL characters in the path or query (<c>%00</c>) are refused with a 400 in the route's format: PostgreSQL cannot
    /// store or compare them, so they would otherwise surface as database errors.
    /// </summary>
    public static IApplicationBuilder UseNulGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var query = http.Request.QueryString.Value;
            if ((query is not null && query.Contains("%00", StringComparison.Ordinal)) ||
                (http.Request.Path.Value?.Contains('\0', StringComparison.Ordinal) ?? false))
            {
                await ErrorBody.WriteAsync(http, new BadRequest(Lms.Features.Common.Json.LmsJson.NulMessage));
                return;
            }
            await next(http);
        });

    /// <summary>Outermost safety net for failures before routing, and bodies for empty 404/405/415 answers.</summary>
    public static IApplicationBuilder UseLmsErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleAsync,
            AllowStatusCode404Response = true,
        });
        // Empty 404/405/413/415 answers (no route, wrong method) get a body in the neighbouring routes' format.
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if (http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
            var (code, message) = http.Response.StatusCode switch
            {
                404 => ("NOT_FOUND", "Not found."),
                405 => ("METHOD_NOT_ALLOWED", $"Method \"{http.Request.Method}\" not allowed."),
                415 => ("UNSUPPORTED_MEDIA_TYPE", $"Unsupported media type \"{Truncate(http.Request.ContentType)}\" in request."),
                _ => ("ERROR", ReasonPhrase(http.Response.StatusCode)),
            };
            await ErrorBody.WriteAsync(http, http.Response.StatusCode, code, message);
        });
        return app;
    }

    private static async Task HandleAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Lms.Errors");
        var known = Translate(error, null);
        if (known is null)
        {
            logger.LogError(error, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            await ErrorBody.WriteAsync(http, 500, "SERVER_ERROR", "A server error occurred.");
            return;
        }
        await ErrorBody.WriteAsync(http, known);
    }

    /// <summary>Maps an exception to a known client error, or null when it is a real server fault.</summary>
    internal static AppException? Translate(Exception? error, Type? bodyType) => error switch
    {
        AppException app => app,
        // Only request-body JSON is the client's fault; a JsonException while writing a response is a server fault.
        BadHttpRequestException bad => FromBadRequest(bad, bodyType),
        OperationCanceledException => new ClientClosed(),
        _ => null,
    };

    private static AppException FromBadRequest(BadHttpRequestException bad, Type? bodyType)
    {
        if (bad.InnerException is JsonException json) return FromJson(json, bodyType);
        return bad.StatusCode switch
        {
            415 => new StatusError(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type in request; send application/json."),
            413 => new StatusError(413, "REQUEST_TOO_LARGE", "Request body too large."),
            _ when bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase) ||
                   bad.Message.Contains("Required parameter", StringComparison.OrdinalIgnoreCase) && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                => new BadRequest("A JSON request body is required.", "PARSE_ERROR"),
            _ => new BadRequest("Malformed request.", "BAD_REQUEST"),
        };
    }

    private static AppException FromJson(JsonException json, Type? bodyType)
    {
        var message = json.Message;
        if (message.StartsWith(Lms.Features.Common.Json.LmsJson.NulMessage, StringComparison.Ordinal))
        {
            return ValidationFailed.For(FieldOf(json.Path) ?? "non_field_errors", Lms.Features.Common.Json.LmsJson.NulMessage);
        }
        var unknown = UnmappedMember().Match(message);
        if (unknown.Success)
        {
            return ValidationFailed.For(unknown.Groups[1].Value, DrfMessages.UnknownField);
        }
        var field = FieldOf(json.Path);
        if (message.Contains("could not be converted to", StringComparison.Ordinal) && field is not null)
        {
            return ValidationFailed.For(field, ExpectedMessage(PropertyType(bodyType, field)));
        }
        return new BadRequest(
            $"JSON parse error - {(json.LineNumber is { } line ? $"line {line + 1}, position {json.BytePositionInLine}" : "invalid JSON")}.",
            "PARSE_ERROR");
    }

    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var p = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = p.IndexOfAny(['.', '[']);
        return end > 0 ? p[..end] : p.Trim('[', ']', '\'');
    }

    /// <summary>DRF's wording for a value of the wrong JSON type, from the body property's CLR type.</summary>
    private static string ExpectedMessage(Type? type) => (Nullable.GetUnderlyingType(type ?? typeof(object)) ?? type) switch
    {
        { } t when t == typeof(int) || t == typeof(long) || t == typeof(short) => DrfMessages.InvalidInteger,
        { } t when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => DrfMessages.InvalidNumber,
        { } t when t == typeof(bool) => DrfMessages.InvalidBoolean,
        { } t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "Datetime has wrong format.",
        { } t when t == typeof(DateOnly) => "Date has wrong format. Use YYYY-MM-DD.",
        { } t when t == typeof(Guid) => DrfMessages.InvalidUuid,
        { } t when t == typeof(string) => DrfMessages.NotAString,
        { IsArray: true } => DrfMessages.NotAList,
        _ => "Invalid value.",
    };

    private static Type? PropertyType(Type? bodyType, string field) =>
        bodyType?.GetProperties().FirstOrDefault(p => Lms.Features.Common.Json.LmsJson.Name(p.Name) == field)?.PropertyType;

    private static Type? BodyTypeOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 100 ? s : s[..100];

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p + "." : "Error.";

    [GeneratedRegex("The JSON property '([^']{1,100})' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();

    private sealed class ServerError() : AppException(500, "SERVER_ERROR", "A server error occurred.");

    private sealed class StatusError(int status, string code, string message) : AppException(status, code, message);

    /// <summary>The client went away; 499 is never seen by it, and it is not a server fault.</summary>
    private sealed class ClientClosed() : AppException(499, "CLIENT_CLOSED_REQUEST", "Client closed request.");
}
