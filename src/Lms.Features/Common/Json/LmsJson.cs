using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lms.Features.Common.Json;

/// <summary>JSON conventions shared by all five documents: snake_case names, enum words, ISO 8601 UTC.</summary>
public static class LmsJson
{
    public static readonly JsonNamingPolicy Naming = JsonNamingPolicy.SnakeCaseLower;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = Naming;
        o.DictionaryKeyPolicy = null; // field-error keys are already snake_case
        o.PropertyNameCaseInsensitive = false;
        o.NumberHandling = JsonNumberHandling.Strict;
        // Unknown body fields are bad input: the request gets a 400 naming the field, never silently ignored.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.AllowDuplicateProperties = false;
        o.MaxDepth = 32;
        // A JSON API, not HTML: quotes and non-ASCII letters are written as themselves, as DRF does.
        o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        o.Converters.Add(new JsonStringEnumConverter(Naming, allowIntegerValues: false));
        o.Converters.Add(new UtcDateTimeOffsetConverter());
        o.Converters.Add(new NoNulStringConverter());
        o.Converters.Add(new CheckedElementConverter());
        return o;
    }

    /// <summary>The JSON name of a CLR member, as clients see it.</summary>
    public static string Name(string member) => Naming.ConvertName(member);

    /// <summary>DRF's message for a string with a NUL character, which PostgreSQL cannot store.</summary>
    public const string NulMessage = DrfMessages.NullCharacters;

    /// <summary>Refuses NUL characters in request strings (PostgreSQL's text and jsonb cannot hold them): a 400, not a 500.</summary>
    private sealed class NoNulStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"The JSON value could not be converted to {typeof(string)}.");
            var value = reader.GetString();
            if (value is not null && value.Contains('\0', StringComparison.Ordinal)) throw new JsonException(NulMessage);
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// Bodies that keep a field as a <see cref="JsonElement"/> (to tell absent from null) get the same checks as strings:
    /// a NUL character is refused as above, and a string that is not valid UTF-16 (a lone surrogate escape) is a parse
    /// error here rather than an exception when the slice reads it.
    /// </summary>
    private sealed class CheckedElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var element = JsonElement.ParseValue(ref reader);
            Check(element);
            return element;
        }

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

        private static void Check(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    string? text;
                    try
                    {
                        text = element.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        throw new JsonException("The JSON value is not a valid string.");
                    }
                    if (text is not null && text.Contains('\0', StringComparison.Ordinal)) throw new JsonException(NulMessage);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray()) Check(item);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.Name.Contains('\0', StringComparison.Ordinal)) throw new JsonException(NulMessage);
                        Check(property.Value);
                    }
                    break;
            }
        }
    }

    /// <summary>Writes every instant as UTC ISO 8601 with a Z suffix.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}
