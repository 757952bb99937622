using Lms.Features.Common.Http;
using Lms.Features.Common.Security;
using Lms.Features.Identity.Profile;

namespace Lms.Features.Identity;

/// <summary>How 004's user-management routes check the caller's user type and read their multipart bodies.</summary>
internal static class UserTypes004
{
    /// <summary>
    /// Signed in (401 otherwise) and of the given user type: 004 answers another type with 403 "Wrong user type" (10.2)
    /// unless the route documents its own 403. Checked before the body is read or validated.
    /// </summary>
    public static RouteHandlerBuilder RequireUserType(this RouteHandlerBuilder route, Role role, Func<AppException>? forbidden = null) =>
        route.RequireAuthorization(Policies.Authenticated)
            .AddEndpointFilter(async (context, next) =>
            {
                if (context.HttpContext.User.RoleOrNull() != role) throw forbidden?.Invoke() ?? Doc004.Errors.WrongUserType();
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
