using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Lms.Features.Common.Http;
using Lms.Features.Common.Media;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 000 <c>PUT</c> and <c>PATCH /api/auth/profile/</c>, as JSON or multipart (the avatar is a file). Every field is
/// optional, as in DRF's UpdateAPIView over a profile whose fields may be blank, so PUT and PATCH behave alike: a field
/// that is absent keeps its value; <c>null</c> (or an empty form value) clears it. Besides the document's bio, avatar,
/// date_of_birth and address, the account's first_name, last_name and phone may be changed here, flat or, as the original
/// backend's nested serializer and 000's app send them, under <c>user{first_name, last_name, phone}</c> (same rules and
/// messages, which name the flat field; the flat field wins when both are sent). Anything else is a 400.
/// </summary>
public static class UpdateProfile000
{
    public const string BadDate = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";
    public const string FutureDate = "Date of birth cannot be in the future.";
    public static string NotAnObject(string got) => $"Invalid data. Expected a dictionary, but got {got}.";
    public const string NotNull = "This field may not be null.";
    private static readonly string[] NestedUserFields = ["first_name", "last_name", "phone"];

    /// <summary>The body as read: each field absent (Undefined), null, or a value whose type is checked here.</summary>
    public sealed record Body(JsonElement Bio, JsonElement Avatar, JsonElement DateOfBirth, JsonElement Address,
        JsonElement FirstName, JsonElement LastName, JsonElement Phone, JsonElement User);

    /// <summary>The body as OpenAPI shows it.</summary>
    public sealed record Form(string? Bio, IFormFile? Avatar, string? DateOfBirth, string? Address, string? FirstName,
        string? LastName, string? Phone, NestedUser? User);

    /// <summary>The original backend's nested account fields that may be changed here.</summary>
    public sealed record NestedUser(string? FirstName, string? LastName, string? Phone);

    /// <summary>Null text fields are unchanged (an empty string clears); the date and avatar say separately when they are cleared.</summary>
    public sealed record Command(long UserId, string? Bio, string? Address, string? FirstName, string? LastName, string? Phone,
        DateOnly? DateOfBirth, bool ClearDateOfBirth, IFormFile? Avatar, bool ClearAvatar)
        : IRequest<ProfileView000>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) => AccountRules000.UniqueViolation(constraint);
    }

    /// <summary>Turns the body and its files into the command; wrong types, bad dates and unknown files are 400s naming the field.</summary>
    public static Command ToCommand(long userId, Body b, IFormFileCollection files)
    {
        var errors = new List<(string Field, string Message)>();
        foreach (var file in files)
        {
            if (file.Name != "avatar") errors.Add((file.Name, DrfMessages.UnknownField));
        }

        string? Text(JsonElement e, string field)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Undefined: return null;
                case JsonValueKind.Null: return "";
                case JsonValueKind.String: return e.GetString();
                default: errors.Add((field, DrfMessages.NotAString)); return null;
            }
        }

        JsonElement Nested(string field) =>
            b.User.ValueKind == JsonValueKind.Object && b.User.TryGetProperty(field, out var value) ? value : default;

        switch (b.User.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Object:
                break;
            case JsonValueKind.Null:
                errors.Add(("user", NotNull));
                break;
            default:
                errors.Add(("user", NotAnObject(b.User.ValueKind switch
                {
                    JsonValueKind.String => "str",
                    JsonValueKind.Array => "list",
                    JsonValueKind.Number => "int",
                    _ => "bool",
                })));
                break;
        }
        if (b.User.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in b.User.EnumerateObject())
            {
                if (!NestedUserFields.Contains(property.Name, StringComparer.Ordinal)) errors.Add(($"user.{property.Name}", DrfMessages.UnknownField));
            }
        }

        JsonElement FlatOrNested(JsonElement flat, string field) => flat.ValueKind != JsonValueKind.Undefined ? flat : Nested(field);

        var bio = Text(b.Bio, "bio");
        var address = Text(b.Address, "address");
        var firstName = Text(FlatOrNested(b.FirstName, "first_name"), "first_name");
        var lastName = Text(FlatOrNested(b.LastName, "last_name"), "last_name");
        var phone = Text(FlatOrNested(b.Phone, "phone"), "phone");

        DateOnly? dateOfBirth = null;
        var clearDate = false;
        switch (b.DateOfBirth.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.Null:
                clearDate = true;
                break;
            case JsonValueKind.String when string.IsNullOrWhiteSpace(b.DateOfBirth.GetString()):
                clearDate = true;
                break;
            case JsonValueKind.String when ParseDate(b.DateOfBirth.GetString()!) is { } date:
                dateOfBirth = date;
                break;
            default:
                errors.Add(("date_of_birth", BadDate));
                break;
        }

        var avatar = files.GetFile("avatar");
        var clearAvatar = false;
        switch (b.Avatar.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.Null:
                clearAvatar = avatar is null;
                break;
            default:
                errors.Add(("avatar", DrfMessages.NotAFile));
                break;
        }

        if (errors.Count > 0) throw ValidationFailed.For([.. errors]);
        return new Command(userId, bio, address, firstName, lastName, phone, dateOfBirth, clearDate, avatar, clearAvatar);
    }

    /// <summary>DRF's DateField input: ISO 8601 YYYY-MM-DD only.</summary>
    public static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Bio).MaxChars(2000);
            RuleFor(x => x.Address).MaxChars(500);
            RuleFor(x => x.FirstName).MaxChars(150);
            RuleFor(x => x.LastName).MaxChars(150);
            RuleFor(x => x.Phone).Phone(AccountRules.PhoneInvalid);
            RuleFor(x => x.DateOfBirth).Must(d => d is null || d.Value.Year >= 1900).WithMessage("Enter a date after 1900-01-01.");
            RuleFor(x => x.Avatar).Custom((file, ctx) =>
            {
                if (file is not null && ImageUploads.Check(file) is { } problem) ctx.AddFailure(problem);
            });
        }
    }

    public sealed class Handler(IDocumentSession session, IMediaStorage storage, MediaUrls media, AfterCommit afterCommit, TimeProvider clock)
        : IRequestHandler<Command, ProfileView000>
    {
        public async Task<ProfileView000> Handle(Command c, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(c.UserId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            if (c.DateOfBirth is { } born && born > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                throw ValidationFailed.For("date_of_birth", FutureDate);
            if (c.Phone is not null && User.PhoneKeyOf(c.Phone) != user.PhoneKey &&
                await AccountRules000.PhoneTakenAsync(session, c.Phone, user.Id, ct))
                throw ValidationFailed.For("phone", AccountRules000.PhoneTaken);

            if (c.Bio is not null) user.Bio = c.Bio.Trim();
            if (c.Address is not null) user.Address = c.Address.Trim();
            if (c.FirstName is not null) user.FirstName = c.FirstName.Trim();
            if (c.LastName is not null) user.LastName = c.LastName.Trim();
            if (c.Phone is not null) user.SetPhone(c.Phone);
            if (c.DateOfBirth is not null) user.DateOfBirth = c.DateOfBirth;
            else if (c.ClearDateOfBirth) user.DateOfBirth = null;

            var replaced = user.AvatarPath;
            if (c.Avatar is { } file)
                user.AvatarPath = await ImageUploads.SaveAsync(storage, "avatars", "avatar", file, ct);
            else if (c.ClearAvatar)
                user.AvatarPath = null;
            if (replaced is not null && replaced != user.AvatarPath)
                afterCommit.Add(token => DeleteQuietly(replaced, token)); // only once the new path is committed

            session.Store(user);
            TeacherStudent.SyncStudent(session, user);
            return ProfileView000.From(user, media.Absolute(user.AvatarPath));
        }

        private async Task DeleteQuietly(string path, CancellationToken ct)
        {
            try
            {
                await storage.DeleteAsync(path, ct);
            }
            catch (IOException)
            {
                // The profile is saved; a file that cannot be removed now is only wasted space.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app)
        {
            app.MapPut("/api/auth/profile/", Update)
                .WithName("000.UpdateProfile").WithTags("000 Authentication")
                .Accepts<Form>("application/json", "multipart/form-data").DisableAntiforgery()
                .ForDocuments(ApiDocument.Doc000, 400, 401, 403, 415)
                .RequireAuthorization(Policies.Authenticated);
            app.MapPatch("/api/auth/profile/", Update)
                .WithName("000.PatchProfile").WithTags("000 Authentication")
                .Accepts<Form>("application/json", "multipart/form-data").DisableAntiforgery()
                .ForDocuments(ApiDocument.Doc000, 400, 401, 403, 415)
                .RequireAuthorization(Policies.Authenticated);
        }

        private static async Task<Ok<ProfileView000>> Update(HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct)
        {
            var (body, files) = await FormOrJson.ReadAsync<Body>(request, ct);
            return TypedResults.Ok(await m.Send(ToCommand(user.UserId(), body, files), ct));
        }
    }
}
