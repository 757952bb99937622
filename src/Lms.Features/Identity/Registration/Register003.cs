using System.Security.Claims;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.Registration;

/// <summary>003 <c>POST /api/users/register/</c>. Only an admin may create an admin (spec decision 7).</summary>
public static class Register003
{
    public sealed record Body(string? Username, string? Email, string? Password, string? FirstName, string? LastName, string? Role);

    public sealed record Command(string? Username, string? Email, string? Password, string? FirstName, string? LastName,
        string? Role, Caller? Caller) : IRequest<ProfileView002_003>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Username).Required().MaxChars(AccountRules.UsernameMax).Username();
            RuleFor(x => x.Email).Email();
            RuleFor(x => x.Password).Required().Custom((password, ctx) =>
            {
                if (string.IsNullOrEmpty(password)) return;
                foreach (var problem in PasswordRules.Check(password, ctx.InstanceToValidate.Username, ctx.InstanceToValidate.Email))
                    ctx.AddFailure(problem);
            });
            RuleFor(x => x.FirstName).MaxChars(150);
            RuleFor(x => x.LastName).MaxChars(150);
            RuleFor(x => x.Role).Must(r => r is null || Roles.TryParse(r, out _))
                .WithMessage(x => DrfMessages.NotAChoice(x.Role));
        }
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, ProfileView002_003>
    {
        public async Task<ProfileView002_003> Handle(Command c, CancellationToken ct)
        {
            var role = Roles.TryParse(c.Role ?? Roles.Student, out var parsed) ? parsed : Role.Student;
            if (role == Role.Admin && c.Caller?.IsAdmin != true)
                throw new PermissionDenied("Only an admin can create an admin account.");

            var user = User.Create(c.Username!, c.Email!, c.FirstName ?? "", c.LastName ?? "", role, clock.GetUtcNow());
            // Friendly answers first; the unique indexes still decide a race (the loser gets the same 409).
            if (await session.Query<User>().AnyAsync(u => u.UsernameNormalized == user.UsernameNormalized, ct))
                throw new Conflict("A user with that username already exists.",
                    new Dictionary<string, string[]> { ["username"] = ["A user with that username already exists."] });
            if (await session.Query<User>().AnyAsync(u => u.EmailNormalized == user.EmailNormalized, ct))
                throw new Conflict("A user with that email already exists.",
                    new Dictionary<string, string[]> { ["email"] = ["A user with that email already exists."] });

            user.PasswordHash = Passwords.Hash(user, c.Password!);
            session.Insert(user);
            return ProfileView002_003.From(user);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users/register/", async (Body b, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                {
                    var created = await m.Send(new Command(b.Username, b.Email, b.Password, b.FirstName, b.LastName, b.Role,
                        Caller.FromOrNull(user)), ct);
                    // No Location: no document has a /api/users/{id}/ route (DRF's CreateAPIView sends none either).
                    return TypedResults.Created((string?)null, created);
                })
                .WithName("003.RegisterUser").WithTags("003 Users")
                .ForDocuments(ApiDocument.Doc003, 400, 403, 409)
                .AllowAnonymous();
    }
}
