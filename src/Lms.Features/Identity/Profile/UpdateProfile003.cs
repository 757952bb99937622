using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 003 <c>PUT /api/users/profile/</c>. The document's example sends only some fields, so absent fields keep
/// their value (a partial update, as the example shows). Username, e-mail, role and password are not editable here.
/// The phone is unique per client (it is 002's and 004's sign-up phone too): a taken one answers 409, like 003's other
/// taken values.
/// </summary>
public static class UpdateProfile003
{
    public sealed record Body(string? FirstName, string? LastName, string? Bio, string? Phone);

    public sealed record Command(long UserId, string? FirstName, string? LastName, string? Bio, string? Phone)
        : IRequest<ProfileView002_003>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FirstName).MaxChars(150);
            RuleFor(x => x.LastName).MaxChars(150);
            RuleFor(x => x.Bio).MaxChars(2000);
            RuleFor(x => x.Phone).Phone(AccountRules.PhoneInvalid);
        }
    }

    public sealed class Handler(IDocumentSession session) : IRequestHandler<Command, ProfileView002_003>
    {
        /// <summary>The message <see cref="UsersSchema"/> gives the phone index, so the pre-check and a lost race agree.</summary>
        private const string PhoneTaken = "Phone already exists.";

        public async Task<ProfileView002_003> Handle(Command c, CancellationToken ct)
        {
            var user = await session.LoadAsync<User>(c.UserId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            if (c.FirstName is not null) user.FirstName = c.FirstName.Trim();
            if (c.LastName is not null) user.LastName = c.LastName.Trim();
            if (c.Bio is not null) user.Bio = c.Bio;
            if (c.Phone is not null)
            {
                // SetPhone keeps the unique key in step; a lost race on the index gets the same 409 from the unit of work.
                if (User.PhoneKeyOf(c.Phone) is { } key && key != user.PhoneKey &&
                    (await AccountRules002.TakenAsync(session, null, c.Phone, ct, user.Id)).Phone)
                    throw new Conflict(PhoneTaken, new Dictionary<string, string[]> { ["phone"] = [PhoneTaken] });
                user.SetPhone(c.Phone);
            }
            session.Store(user);
            TeacherStudent.SyncStudent(session, user);
            return ProfileView002_003.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/users/profile/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                    TypedResults.Ok(await m.Send(new Command(user.UserId(), b.FirstName, b.LastName, b.Bio, b.Phone), ct)))
                .WithName("003.UpdateProfile").WithTags("003 Users")
                .ForDocuments(ApiDocument.Doc003, 400, 401, 403, 409)
                .RequireAuthorization(Policies.Authenticated);
    }
}
