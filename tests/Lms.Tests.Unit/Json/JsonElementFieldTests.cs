using System.Text.Json;
using Lms.Features.Common.Json;

namespace Lms.Tests.Unit.Json;

/// <summary>Body fields kept as JsonElement (absent vs null) get the checks strings get: found by the hostile sweep.</summary>
public class JsonElementFieldTests
{
    private sealed record Body(JsonElement Bio, JsonElement User);

    [Theory]
    [InlineData("{\"bio\": \"a\\u0000b\"}")]
    [InlineData("{\"user\": {\"first_name\": \"\\u0000\"}}")]
    [InlineData("{\"user\": [\"x\", \"\\u0000\"]}")]
    public void A_nul_character_anywhere_in_the_element_is_refused_with_drfs_message(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>(json, LmsJson.Options));
        Assert.StartsWith(LmsJson.NulMessage, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_a_json_error_not_an_exception_when_read() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>("{\"bio\": \"a\\ud800b\"}", LmsJson.Options));

    [Fact]
    public void Ordinary_values_and_absent_fields_pass_unchanged()
    {
        var body = JsonSerializer.Deserialize<Body>("{\"bio\": \"Hello\", \"user\": {\"first_name\": \"Ann\"}}", LmsJson.Options)!;
        Assert.Equal("Hello", body.Bio.GetString());
        Assert.Equal("Ann", body.User.GetProperty("first_name").GetString());
        Assert.Equal(JsonValueKind.Undefined, JsonSerializer.Deserialize<Body>("{}", LmsJson.Options)!.Bio.ValueKind);
        Assert.Equal("{\"bio\":\"Hello\",\"user\":{\"first_name\":\"Ann\"}}", JsonSerializer.Serialize(body, LmsJson.Options));
    }
}
