namespace Lms.Features.Common.Validation;

/// <summary>
/// Django REST Framework's standard field messages, worded once. Documents 000, 001 and 002 are DRF apps and 004 answers
/// its field errors in DRF's words too, so every route that needs one of these uses it from here.
/// </summary>
public static class DrfMessages
{
    public const string Required = "This field is required.";
    public const string Blank = "This field may not be blank.";
    public const string InvalidEmail = "Enter a valid email address.";
    public const string InvalidInteger = "A valid integer is required.";
    public const string InvalidPositiveInteger = "A valid positive integer is required.";
    public const string InvalidNumber = "A valid number is required.";
    public const string InvalidBoolean = "Must be a valid boolean.";
    public const string InvalidUuid = "Must be a valid UUID.";
    public const string NotAString = "Not a valid string.";
    public const string NotAList = "Expected a list of items.";
    public const string UnknownField = "Unknown field.";
    public const string NotAFile = "The submitted data was not a file. Check the encoding type on the form.";
    public const string OneFile = "Upload only one file.";
    public const string NullCharacters = "Null characters are not allowed.";
    public const string InvalidPage = "Invalid page.";

    /// <summary>CharField's max_length message.</summary>
    public static string MaxChars(int max) => $"Ensure this field has no more than {max} characters.";

    /// <summary>ChoiceField's message for a value that is none of the choices.</summary>
    public static string NotAChoice(string? value) => $"\"{value}\" is not a valid choice.";

    /// <summary>django-filter's ChoiceFilter and DRF's OrderingFilter message (the form field's wording).</summary>
    public static string SelectValidChoice(string? value) => $"Select a valid choice. {value} is not one of the available choices.";
}
