using Lms.Features.Common.Http;
using Lms.Features.Common.Security;

namespace Lms.Features.Identity.TeacherStudents;

/// <summary>How the 004 user-management slices map their routes and check the caller's user type.</summary>
internal static class Edu004Routes
{
    /// <summary>
    /// Maps a 004 route at <c>/api{path}</c> and at its <c>/api/v1{path}</c> alias (spec decision 9), each with its own
    /// name (<c>004.{name}</c> and <c>004.{name}.V1</c>) and the same conventions.
    /// </summary>
    public static void Map004(this IEndpointRouteBuilder app, string[] methods, string path, Delegate handler, string name,
        Action<RouteHandlerBuilder> configure)
    {
        foreach (var (prefix, suffix) in Prefixes)
        {
            var route = app.MapMethods(prefix + path, methods, handler)
                .WithName($"004.{name}{suffix}")
                .WithTags("004 User Management");
            configure(route);
        }
    }

    private static readonly (string Prefix, string Suffix)[] Prefixes = [("/api", ""), ("/api/v1", ".V1")];

    public static readonly string[] Get = [HttpMethods.Get];
    public static readonly string[] Post = [HttpMethods.Post];
    public static readonly string[] Delete = [HttpMethods.Delete];
    public static readonly string[] PutOrPatch = [HttpMethods.Put, HttpMethods.Patch];

    /// <summary>
    /// Signed in (401 otherwise) and of the given user type: 004 answers another type with 403 "Wrong user type" (10.2)
    /// unless the route documents its own 403. Checked before the body is read or validated.
    /// </summary>
    public static RouteHandlerBuilder RequireUserType(this RouteHandlerBuilder route, Role role, Func<AppException>? forbidden = null) =>
        route.RequireAuthorization(Policies.Authenticated)
            .AddEndpointFilter(async (context, next) =>
            {
                if (context.HttpContext.User.RoleOrNull() != role) throw forbidden?.Invoke() ?? Edu004Errors.WrongUserType();
                return await next(context);
            });

    /// <summary>
    /// The body as JSON or multipart form (<see cref="FormOrJson"/>), files only under the named fields. A truncated or
    /// malformed multipart body is a 400 here: FormOrJson lets the reader's IOException through as a 500.
    /// </summary>
    public static async Task<FormOrJson.Result<T>> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct, params string[] fileFields)
        where T : class
    {
        if (request.HasFormContentType)
        {
            try
            {
                await request.ReadFormAsync(ct); // cached for FormOrJson
            }
            catch (Exception e) when (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
            {
                throw new BadRequest("Multipart body length limit exceeded or malformed form.", "PARSE_ERROR");
            }
        }
        var result = await FormOrJson.ReadAsync<T>(request, ct);
        ImageInput.RejectOthers(result.Files, fileFields);
        return result;
    }
}
