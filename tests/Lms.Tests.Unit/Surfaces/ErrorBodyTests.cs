using System.Text.Json;
using Lms.Features.Common.Errors;
using Lms.Features.Common.Json;
using Lms.Features.Common.Surfaces;

namespace Lms.Tests.Unit.Surfaces;

public class ErrorBodyTests
{
    private static readonly Dictionary<string, string[]> NoFields = [];

    private static readonly Dictionary<string, string[]> TitleRequired = new(StringComparer.Ordinal)
    {
        ["title"] = ["This field is required."],
    };

    private static string Body(ApiDocument documents, string code, string message, IReadOnlyDictionary<string, string[]> fields) =>
        JsonSerializer.Serialize(ErrorBody.Build(documents, code, message, fields), LmsJson.Options);

    [Theory]
    [InlineData(ApiDocument.Doc000)]
    [InlineData(ApiDocument.Doc001)]
    [InlineData(ApiDocument.Doc002)]
    public void Drf_documents_answer_with_detail_when_the_error_is_not_about_fields(ApiDocument document) =>
        Assert.Equal("""{"detail":"Course not found."}""", Body(document, "NOT_FOUND", "Course not found.", NoFields));

    [Theory]
    [InlineData(ApiDocument.Doc000)]
    [InlineData(ApiDocument.Doc001)]
    [InlineData(ApiDocument.Doc002)]
    public void Drf_documents_answer_with_the_field_dict_for_validation_errors(ApiDocument document) =>
        Assert.Equal("""{"title":["This field is required."]}""", Body(document, "VALIDATION_ERROR", "Invalid input.", TitleRequired));

    [Fact]
    public void Document_003_answers_with_its_envelope_and_empty_details() =>
        Assert.Equal("""{"success":false,"message":"Course not found.","error_code":"NOT_FOUND","details":{}}""",
            Body(ApiDocument.Doc003, "NOT_FOUND", "Course not found.", NoFields));

    [Fact]
    public void Document_003_puts_field_errors_in_details() =>
        Assert.Equal("""{"success":false,"message":"Invalid input.","error_code":"VALIDATION_ERROR","details":{"title":["This field is required."]}}""",
            Body(ApiDocument.Doc003, "VALIDATION_ERROR", "Invalid input.", TitleRequired));

    [Fact]
    public void Document_004_answers_with_error_and_detail() =>
        Assert.Equal("""{"error":"Course not found.","detail":"Course not found."}""",
            Body(ApiDocument.Doc004, "NOT_FOUND", "Course not found.", NoFields));

    [Fact]
    public void Document_004_adds_the_field_dict_and_field_errors_for_validation_errors() =>
        Assert.Equal(
            """{"title":["This field is required."],"field_errors":{"title":["This field is required."]},"error":"Invalid input.","detail":"Invalid input."}""",
            Body(ApiDocument.Doc004, "VALIDATION_ERROR", "Invalid input.", TitleRequired));

    [Fact]
    public void A_route_of_003_and_002_answers_with_the_union_of_their_keys() =>
        Assert.Equal("""{"detail":"Course not found.","success":false,"message":"Course not found.","error_code":"NOT_FOUND","details":{}}""",
            Body(ApiDocument.Doc003 | ApiDocument.Doc002, "NOT_FOUND", "Course not found.", NoFields));

    [Fact]
    public void A_route_of_003_and_002_with_field_errors_has_the_field_dict_and_the_envelope() =>
        Assert.Equal(
            """{"title":["This field is required."],"success":false,"message":"Invalid input.","error_code":"VALIDATION_ERROR","details":{"title":["This field is required."]}}""",
            Body(ApiDocument.Doc003 | ApiDocument.Doc002, "VALIDATION_ERROR", "Invalid input.", TitleRequired));

    [Fact]
    public void A_route_of_003_and_004_answers_with_the_union_of_their_keys() =>
        Assert.Equal("""{"error":"Course not found.","detail":"Course not found.","success":false,"message":"Course not found.","error_code":"NOT_FOUND","details":{}}""",
            Body(ApiDocument.Doc003 | ApiDocument.Doc004, "NOT_FOUND", "Course not found.", NoFields));

    [Fact]
    public void A_route_of_003_and_004_with_field_errors_has_every_key_of_both() =>
        Assert.Equal(
            """{"title":["This field is required."],"field_errors":{"title":["This field is required."]},"error":"Invalid input.","detail":"Invalid input.","success":false,"message":"Invalid input.","error_code":"VALIDATION_ERROR","details":{"title":["This field is required."]}}""",
            Body(ApiDocument.Doc003 | ApiDocument.Doc004, "VALIDATION_ERROR", "Invalid input.", TitleRequired));

    [Fact]
    public void A_route_without_documents_answers_like_000() =>
        Assert.Equal(Body(ApiDocument.Doc000, "NOT_FOUND", "Not found.", NoFields), Body(ApiDocument.None, "NOT_FOUND", "Not found.", NoFields));

    [Fact]
    public void Field_names_are_written_as_given_not_renamed_by_the_naming_policy()
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["non_field_errors"] = ["Provide status or notes."] };

        Assert.Equal("""{"non_field_errors":["Provide status or notes."]}""", Body(ApiDocument.Doc002, "VALIDATION_ERROR", "Invalid input.", fields));
    }

    public static TheoryData<ApiDocument> EveryDocumentAndPair()
    {
        var single = new[] { ApiDocument.Doc000, ApiDocument.Doc001, ApiDocument.Doc002, ApiDocument.Doc003, ApiDocument.Doc004 };
        var data = new TheoryData<ApiDocument>();
        foreach (var a in single)
        {
            data.Add(a);
            foreach (var b in single.Where(b => b > a)) data.Add(a | b);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDocumentAndPair))]
    public void No_error_body_carries_an_exception_type_or_a_stack_trace(ApiDocument documents)
    {
        AppException[] errors =
        [
            new NotFound("course"), new PermissionDenied(), new NotAuthenticated(), new Conflict("Already enrolled."),
            new BadRequest("Bad."), new ServiceUnavailable("Payments are not configured."),
            ValidationFailed.For("page", "A valid positive integer is required."),
        ];

        foreach (var error in errors)
        {
            var json = Body(documents, error.Code, error.Message, error.Fields);

            Assert.DoesNotContain("Exception", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("stack", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" at ", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Lms.", json, StringComparison.Ordinal);
        }
    }
}
