using System.Globalization;
using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;

namespace Lms.Api.Hosting;

/// <summary>
/// Each document's limits on its own routes (<see cref="RateLimitCounters"/>), keyed by the connection's address (no
/// forwarded header is trusted) and the signed-in user. Every limited answer carries <c>X-RateLimit-Limit/Remaining/Reset</c>
/// for the window that binds the caller on that route: 003 and 004 document them, and for 000, 001 and 002 they are extra
/// headers their clients ignore. Over the limit: 429 with <c>Retry-After</c> in the route's error format, in 004's words on
/// 004's routes. Routes of no document (health, docs, dashboard, media) are not limited.
/// </summary>
internal sealed class RateLimits(RateLimitSettings settings, RateLimitCounters counters, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var documents = http.GetEndpoint()?.Metadata.GetMetadata<DocumentSurface>()?.Documents ?? ApiDocument.None;
        if (!settings.Enabled || documents == ApiDocument.None)
        {
            await next(http);
            return;
        }

        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var decision = counters.Hit(documents, ip, http.User.UserIdOrNull(), clock.GetUtcNow());
        if (decision.Reported is { } window)
        {
            http.Response.Headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-RateLimit-Reset"] = window.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        if (!decision.Allowed)
        {
            var retry = decision.RetryAfterSeconds;
            http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            var message = documents == ApiDocument.Doc004
                ? "Too many requests. Please try again later."
                : $"Request was throttled. Expected available in {retry} seconds.";
            await ErrorBody.WriteAsync(http, 429, "RATE_LIMITED", message, title: "Rate limit exceeded");
            return;
        }
        await next(http);
    }
}
