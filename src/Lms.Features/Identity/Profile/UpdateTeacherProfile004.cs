using System.Security.Claims;
using Lms.Features.Common.Media;
using Lms.Features.Common.Persistence;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Profile;

/// <summary>
/// 004 1.14 <c>PUT/PATCH /api/teacher/update-profile/</c>, as JSON or multipart (avatar and logo files). Every field is
/// optional and only the fields sent change, for PUT as for PATCH. An empty avatar or logo removes the image.
/// </summary>
public static class UpdateTeacherProfile004
{
    public sealed record Body(string? FirstName, string? LastName, string? Bio, string? Specialization, int? ExperienceYears,
        string? Avatar, string? Logo);

    public sealed record Command(long TeacherId, string? FirstName, string? LastName, string? Bio, string? Specialization,
        int? ExperienceYears, ImageInput Avatar, ImageInput Logo) : IRequest<MessageResponse>, ICommand;

    public const int MaxExperienceYears = 80;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FirstName).NotBlank().MaxChars(150);
            RuleFor(x => x.LastName).NotBlank().MaxChars(150);
            RuleFor(x => x.Bio).MaxChars(2000);
            RuleFor(x => x.Specialization).MaxChars(200);
            RuleFor(x => x.ExperienceYears)
                .GreaterThanOrEqualTo(0).WithMessage("Ensure this value is greater than or equal to 0.")
                .LessThanOrEqualTo(MaxExperienceYears).WithMessage($"Ensure this value is less than or equal to {MaxExperienceYears}.");
            RuleFor(x => x.Avatar).ValidImage();
            RuleFor(x => x.Logo).ValidImage();
        }
    }

    public sealed class Handler(IDocumentSession session, IMediaStorage storage, AfterCommit afterCommit)
        : IRequestHandler<Command, MessageResponse>
    {
        public async Task<MessageResponse> Handle(Command c, CancellationToken ct)
        {
            var teacher = await session.LoadAsync<User>(c.TeacherId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            if (c.FirstName is not null) teacher.FirstName = c.FirstName.Trim();
            if (c.LastName is not null) teacher.LastName = c.LastName.Trim();
            if (c.Bio is not null) teacher.Bio = c.Bio.Trim();
            if (c.Specialization is not null) teacher.Specialization = c.Specialization.Trim();
            if (c.ExperienceYears is not null) teacher.ExperienceYears = c.ExperienceYears;
            teacher.AvatarPath = await ProfileImageStore.ApplyAsync(storage, afterCommit, "avatars", "avatar", c.Avatar, teacher.AvatarPath, ct);
            teacher.LogoPath = await ProfileImageStore.ApplyAsync(storage, afterCommit, "logos", "logo", c.Logo, teacher.LogoPath, ct);
            session.Store(teacher);
            return new MessageResponse("Profile updated successfully");
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.PutOrPatch, "/teacher/update-profile/",
                async (HttpRequest request, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    var (b, files) = await UserTypes004.ReadBodyAsync<Body>(request, ct, "avatar", "logo");
                    return TypedResults.Ok(await m.Send(new Command(user.UserId(), b.FirstName, b.LastName, b.Bio, b.Specialization,
                        b.ExperienceYears, ImageInput.From(files, "avatar", b.Avatar), ImageInput.From(files, "logo", b.Logo)), ct));
                },
                "UpdateTeacherProfile",
                route => route.Accepts<Body>("application/json", "multipart/form-data").DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 401, 403, 415).RequireUserType(Role.Teacher));
    }
}
