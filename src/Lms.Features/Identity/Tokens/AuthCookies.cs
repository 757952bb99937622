namespace Lms.Features.Identity.Tokens;

/// <summary>
/// 004's HttpOnly cookies: logins set <c>access_token</c> and <c>refresh_token</c> (as well as returning the tokens),
/// refresh routes read the refresh token from the body or the cookie, and logout clears both.
/// </summary>
public static class AuthCookies
{
    public const string Access = "access_token";
    public const string Refresh = "refresh_token";

    public static void Set(HttpResponse response, TokenPair tokens)
    {
        response.Cookies.Append(Access, tokens.Access, Options(response, tokens.AccessExpiresAt));
        response.Cookies.Append(Refresh, tokens.Refresh, Options(response, tokens.RefreshExpiresAt));
    }

    /// <summary>After a refresh: the new access token and, when rotated, the new refresh token.</summary>
    public static void SetAccess(HttpResponse response, string access, DateTimeOffset expires) =>
        response.Cookies.Append(Access, access, Options(response, expires));

    public static void Clear(HttpResponse response)
    {
        response.Cookies.Delete(Access, Options(response, null));
        response.Cookies.Delete(Refresh, Options(response, null));
    }

    /// <summary>The refresh token from the body when given, else from the HttpOnly cookie.</summary>
    public static string? RefreshFrom(HttpRequest request, string? fromBody) =>
        !string.IsNullOrWhiteSpace(fromBody) ? fromBody
        : request.Cookies.TryGetValue(Refresh, out var cookie) && !string.IsNullOrWhiteSpace(cookie) ? cookie
        : null;

    private static CookieOptions Options(HttpResponse response, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = response.HttpContext.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expires,
    };
}
