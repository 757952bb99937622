using System.Security.Claims;
using Lms.Features.Common.Http;
using Lms.Features.Common.Media;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 001 <c>PUT /accounts/clients/{client_id}/user-profile/</c>, JSON or multipart. The document shows no body, so the
/// editable fields are chosen here: <c>first_name</c>, <c>last_name</c>, <c>user_name</c> (the username, unique in the
/// client) and the <c>profile_pic</c> image file (multipart only). Absent fields keep their value. The read-only fields
/// GET returns (<c>id</c>, <c>role</c>, <c>profile_pic_url</c>) are accepted and ignored, so a client may send back what it
/// read; any other field is a 400.
/// </summary>
public static class UpdateProfile001
{
    public sealed record Body(string? FirstName, string? LastName, string? UserName, string? ProfilePic, long? Id, string? Role,
        string? ProfilePicUrl);

    public sealed record Command(long UserId, string? FirstName, string? LastName, string? UserName, IFormFile? ProfilePic)
        : IRequest<ProfileView001>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint == UsersSchema.UsernameIndex ? ValidationFailed.For("user_name", AccountRules001.UsernameTaken) : null;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FirstName).MaxChars(150);
            RuleFor(x => x.LastName).MaxChars(150);
            RuleFor(x => x.UserName).Must(u => !string.IsNullOrWhiteSpace(u)).When(x => x.UserName is not null)
                .WithMessage(DrfMessages.Blank)
                .MaxChars(AccountRules.UsernameMax)
                .Username();
            RuleFor(x => x.ProfilePic).Must(f => ImageUploads.Check(f!) is null).When(x => x.ProfilePic is not null)
                .WithMessage(x => ImageUploads.Check(x.ProfilePic!) ?? "");
        }
    }

    public sealed class Handler(IDocumentSession session, IMediaStorage storage, MediaUrls media, AfterCommit afterCommit)
        : IRequestHandler<Command, ProfileView001>
    {
        public async Task<ProfileView001> Handle(Command c, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(c.UserId, ct);
            if (user is not { IsActive: true }) throw new NotAuthenticated("User not found", "USER_NOT_FOUND");

            if (c.UserName is not null && !string.Equals(c.UserName.Trim(), user.Username, StringComparison.Ordinal))
            {
                var username = c.UserName.Trim();
                if (await Usernames.ByUsernameAsync(session, username, ct) is { } holder && holder.Id != user.Id)
                    throw ValidationFailed.For("user_name", AccountRules001.UsernameTaken);
                user.Username = username;
                user.UsernameNormalized = AccountRules.Key(username);
                user.Slug = User.SlugOf(username);
            }
            if (c.FirstName is not null) user.FirstName = c.FirstName.Trim();
            if (c.LastName is not null) user.LastName = c.LastName.Trim();
            if (c.ProfilePic is not null)
            {
                var old = user.AvatarPath;
                user.AvatarPath = await ImageUploads.SaveAsync(storage, "avatars", "profile_pic", c.ProfilePic, ct);
                // The old picture goes only once the new one is committed.
                if (old is not null) afterCommit.Add(token => storage.DeleteAsync(old, token));
            }
            session.Store(user);
            TeacherStudent.SyncStudent(session, user);
            return ProfileView001.From(user, media);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/accounts/clients/{client_id:long}/user-profile/", async (HttpRequest request, ClaimsPrincipal user, IMediator m,
                    CancellationToken ct) =>
                {
                    var (b, files) = await FormOrJson.ReadAsync<Body>(request, ct);
                    var unexpected = files.Select(f => f.Name).FirstOrDefault(n => n != "profile_pic");
                    if (unexpected is not null) throw ValidationFailed.For(unexpected, DrfMessages.UnknownField);
                    if (b.ProfilePic is not null) throw ValidationFailed.For("profile_pic", DrfMessages.NotAFile);
                    return TypedResults.Ok(await m.Send(new Command(user.UserId(), b.FirstName, b.LastName, b.UserName,
                        files.GetFile("profile_pic")), ct));
                })
                .Accepts<Body>("application/json", "multipart/form-data")
                .DisableAntiforgery()
                .WithName("001.UpdateUserProfile").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 401, 403, 404, 413, 415)
                .RequireActiveClient()
                .RequireAuthorization(Policies.Authenticated);
    }
}
