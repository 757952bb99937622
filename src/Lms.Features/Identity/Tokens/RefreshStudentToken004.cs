using Lms.Features.Common.Security;
using Lms.Features.Common.Tenancy;

namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 004 1.6 <c>POST /api/student/refresh/{teacher_username}/</c>: as <see cref="RefreshToken004"/>, and only for a student
/// of that teacher who is not blocked (a block takes effect at the next refresh).
/// </summary>
public static class RefreshStudentToken004
{
    public sealed record Command(string TeacherUsername, string Refresh) : IRequest<WithTokens<RefreshResponse>>, ICommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Refresh).MaxChars(4096);
    }

    public sealed class Handler(IDocumentSession session, TokenService tokens, TenantContext tenant, TimeProvider clock)
        : IRequestHandler<Command, WithTokens<RefreshResponse>>
    {
        public async Task<WithTokens<RefreshResponse>> Handle(Command c, CancellationToken ct)
        {
            var teacher = await Sessions004.TeacherAsync(session, c.TeacherUsername, ct) ?? throw Doc004.Errors.TeacherNotFound();
            // Rotating validates the token; a refusal below throws before the unit of work commits the rotation.
            var pair = await RefreshToken004.Rotate(session, tokens, tenant, c.Refresh, ct);
            if (pair.Role != Role.Student) throw Doc004.Errors.WrongUserType();
            await Sessions004.EnsureMayUseAsync(session, teacher, pair.UserId, clock.GetUtcNow(), ct);
            return new(new RefreshResponse(pair.Access, pair.Refresh), pair);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost004("student/refresh/{teacher_username}/", "RefreshStudentTokens",
                async (string teacher_username, HttpRequest request, HttpResponse response, IMediator m, CancellationToken ct) =>
                {
                    var result = await m.Send(new Command(teacher_username, await RefreshToken004.ReadAsync(request, ct)), ct);
                    AuthCookies.Set(response, result.Tokens);
                    return TypedResults.Ok(result.Body);
                },
                e => e.Accepts<RefreshToken004.Body>("application/json", "multipart/form-data")
                    .DisableAntiforgery()
                    .ForDocuments(ApiDocument.Doc004, 400, 403, 404, 415)
                    .AllowAnonymous());
    }
}
