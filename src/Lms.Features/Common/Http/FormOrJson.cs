using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lms.Features.Common.Json;

namespace Lms.Features.Common.Http;

/// <summary>
/// Reads a body that may come as JSON or as multipart/form-data (routes that take an avatar or logo upload).
/// Form fields are read into the same body record as JSON, with the same rules: unknown fields and wrong types are
/// 400s. Declare <c>.Accepts&lt;TBody&gt;("application/json", "multipart/form-data")</c> on the route so those 400s
/// name the field's expected type.
/// </summary>
public static class FormOrJson
{
    public sealed record Result<T>(T Body, IFormFileCollection Files);

    private static readonly IFormFileCollection NoFiles = new FormFileCollection();

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new BadRequest("Multipart body length limit exceeded or malformed form.", "PARSE_ERROR");
            }
            var json = new JsonObject();
            foreach (var (key, values) in form)
            {
                json[key] = ToNode(typeof(T), key, values.ToString());
            }
            return new Result<T>(Deserialize<T>(json.ToJsonString()), form.Files);
        }

        if (request.ContentLength == 0 || request.ContentType is null && request.ContentLength is null)
            return new Result<T>(Deserialize<T>("{}"), NoFiles);
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Unsupported media type.", StatusCodes.Status415UnsupportedMediaType);

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        return new Result<T>(Deserialize<T>(string.IsNullOrWhiteSpace(text) ? "{}" : text), NoFiles);
    }

    private static T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, LmsJson.Options)
                   ?? throw new BadRequest("A JSON object is required.", "PARSE_ERROR");
        }
        catch (JsonException e)
        {
            // The error translation turns this into the route's 400 (unknown field, wrong type or parse error).
            throw new BadHttpRequestException("Invalid JSON body.", StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>A form value as the JSON the body property expects: numbers and booleans unquoted when they parse.</summary>
    private static JsonValue? ToNode(Type body, string key, string value)
    {
        var property = body.GetProperties().FirstOrDefault(p => LmsJson.Name(p.Name) == key);
        var type = property is null ? typeof(string) : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (value.Length == 0 && property is not null && type != typeof(string)) return null;
        if ((type == typeof(int) || type == typeof(long)) &&
            long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (type == typeof(decimal) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        if (type == typeof(bool) && bool.TryParse(value, out var b)) return JsonValue.Create(b);
        return JsonValue.Create(value);
    }
}
