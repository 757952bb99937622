using System.Security.Claims;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Profile;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>
/// 004 1.17 <c>POST /api/join-teacher/{teacher_username}/</c>: the signed-in student joins a teacher (201). Joining a
/// teacher already joined answers as the original backend did (1.17 documents no error for it): 200
/// <c>{"info": "Student is already associated with this teacher."}</c>. When two joins race, the unique pair index keeps
/// one link and the loser hears a 400 "Already joined".
/// </summary>
public static class JoinTeacher004
{
    public const string AlreadyJoined = "Student is already associated with this teacher.";

    /// <summary>The original backend's answer for a teacher already joined.</summary>
    public sealed record InfoResponse(string Info);

    /// <summary>Either the new link's 201 message or, when the link existed, the 200 info.</summary>
    public sealed record Result(MessageResponse? Joined, InfoResponse? Already);

    public sealed record Command(long StudentId, string TeacherUsername) : IRequest<Result>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) =>
            constraint == TeacherStudentsSchema.PairIndex ? Doc004.Errors.AlreadyJoined() : null;
    }

    public sealed class Handler(IDocumentSession session, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command c, CancellationToken ct)
        {
            var teacher = await Teachers.ByUsernameAsync(session, c.TeacherUsername, ct);
            var student = await session.LoadAsync<User>(c.StudentId, ct) ?? throw new NotAuthenticated("User not found", "USER_NOT_FOUND");
            if (await session.Query<TeacherStudent>().AnyAsync(x => x.TeacherId == teacher.Id && x.StudentId == student.Id, ct))
                return new Result(null, new InfoResponse(AlreadyJoined));
            session.Insert(TeacherStudent.Link(teacher, student, clock.GetUtcNow()));
            return new Result(new MessageResponse("Successfully joined teacher"), null);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.Map004(Doc004.Post, "/join-teacher/{teacher_username}/",
                async Task<Results<Created<MessageResponse>, Ok<InfoResponse>>> (string teacher_username, ClaimsPrincipal user, IMediator m,
                    CancellationToken ct) =>
                {
                    var result = await m.Send(new Command(user.UserId(), teacher_username), ct);
                    return result.Joined is { } joined ? TypedResults.Created((string?)null, joined) : TypedResults.Ok(result.Already!);
                },
                "JoinTeacher",
                route => route.ForDocuments(ApiDocument.Doc004, 400, 401, 403, 404).RequireUserType(Role.Student));
    }
}
