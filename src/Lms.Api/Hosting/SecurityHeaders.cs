using System.Security.Cryptography;
using System.Text;
using Lms.Features.Common.Media;
using Scalar.AspNetCore;

namespace Lms.Api.Hosting;

/// <summary>
/// Response headers every answer gets, whoever writes it (an endpoint, the error writers, the tenant guard, the rate
/// limiter, the dashboard, the static media files): registered outermost, the headers are set just before the response
/// starts, so they survive the exception handler clearing a response and see the Cache-Control an endpoint chose.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The pages for people (Scalar at /docs, the Hangfire dashboard): their own scripts, styles, fonts and XHRs only,
    /// never framed (clickjacking). Inline styles are allowed (Hangfire writes style attributes, Scalar injects style
    /// elements); inline scripts are not: Scalar's carry the per-request nonce it generates (added to script-src below).
    /// </summary>
    private const string PagePolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Scalar's bundled zod probes whether it may compile code (<c>Function("")</c>), which the policy refuses and the
    /// browser reports as a violation; told to stay jitless, it does not probe (it works the same, without JIT). Scalar
    /// puts this in the page's head, and the policy allows exactly this inline script by its hash.
    /// </summary>
    public const string DocsHeadScript = "globalThis.__zod_globalConfig={jitless:true};";

    private static readonly string DocsHeadScriptHash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(DocsHeadScript)))}'";

    public static IApplicationBuilder UseLmsSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // Read now: a branch such as the dashboard's moves the path into PathBase while it writes its answer.
            var path = http.Request.Path;
            http.Response.OnStarting(() =>
            {
                Apply(http, path);
                return Task.CompletedTask;
            });
            return next(http);
        });

    private static void Apply(HttpContext http, PathString path)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Tokens and personal data are in nearly every answer, so nothing is stored by a browser or a proxy unless the
        // answer says otherwise; uploaded media (public, random names) keeps the caching the static files give it.
        if (string.IsNullOrEmpty(headers.CacheControl) && !path.StartsWithSegments(MediaUrls.RequestPath, StringComparison.OrdinalIgnoreCase))
            headers.CacheControl = "no-store";
        if (path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase))
        {
            var nonce = http.Items[ScalarOptions.NonceHttpContextItemKey] as string;
            headers.ContentSecurityPolicy = nonce is null
                ? $"{PagePolicy}; script-src 'self'"
                : $"{PagePolicy}; script-src 'self' 'nonce-{nonce}' {DocsHeadScriptHash}";
            headers.XFrameOptions = "DENY";
        }
    }
}
