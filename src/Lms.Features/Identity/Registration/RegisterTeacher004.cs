using Lms.Features.Common.Media;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Registration;

/// <summary>004 1.1 <c>POST /api/teacher/teacher-register/</c>: JSON or multipart with optional avatar and logo images.</summary>
public static class RegisterTeacher004
{
    public sealed record Body(string? FirstName, string? LastName, string? Username, string? Email, string? Phone,
        string? Password1, string? Password2, string? Avatar, string? Logo);

    public sealed record Command(string? FirstName, string? LastName, string? Username, string? Email, string? Phone,
        string? Password1, string? Password2, IFormFile? Avatar, IFormFile? Logo, string? AvatarText, string? LogoText)
        : IRequest<Response>, IReportsUniqueViolations, IAccountFields
    {
        public ValidationFailed? UniqueViolation(string? constraint) => AccountRules004.UniqueViolation(constraint);
    }

    public sealed record TeacherUser(Guid Id, string Email, string Phone, string Username, string UserType, string Slug,
        string? Avatar, string? Logo);

    public sealed record Response(string Message, TeacherUser User);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            this.AddAccountRules();
            this.AddPasswordRules();
            this.AddImageRule(x => x.Avatar, x => x.AvatarText);
            this.AddImageRule(x => x.Logo, x => x.LogoText);
        }
    }

    public sealed class Handler(IDocumentSession session, IMediaStorage storage, MediaUrls urls, TimeProvider clock)
        : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command c, CancellationToken ct)
        {
            // Friendly answer first; the unique indexes still decide a race (the loser gets the same 400).
            var taken = await Usernames.TakenAsync(session, c.Username, c.Email, c.Phone, ct);
            if (AccountRules004.Taken(taken) is { } invalid) throw invalid;

            var user = AccountRules004.NewAccount(c, Role.Teacher, clock.GetUtcNow());
            // Images are stored only once everything else is valid.
            if (c.Avatar is not null) user.AvatarPath = await ImageUploads.SaveAsync(storage, "avatars", "avatar", c.Avatar, ct);
            if (c.Logo is not null) user.LogoPath = await ImageUploads.SaveAsync(storage, "logos", "logo", c.Logo, ct);
            session.Insert(user);
            return new Response("User created successfully", new TeacherUser(user.Key, user.Email, user.Phone, user.Username,
                Roles.Teacher, user.Slug, urls.Absolute(user.AvatarPath), urls.Absolute(user.LogoPath)));
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("teacher/teacher-register/", "RegisterTeacher",
                async (HttpRequest request, IMediator m, CancellationToken ct) =>
                {
                    var (b, files) = await Bodies004.ReadBodyAsync<Body>(request, ct, "avatar", "logo");
                    var created = await m.Send(new Command(b.FirstName, b.LastName, b.Username, b.Email, b.Phone, b.Password1,
                        b.Password2, files.GetFile("avatar"), files.GetFile("logo"), b.Avatar, b.Logo), ct);
                    return TypedResults.Created((string?)null, created);
                },
                e => e.Accepts<Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 413, 415)
                    .AllowAnonymous());
    }
}
