using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Lms.Api.Hosting;

/// <summary>
/// Configuration section <c>Lms:Cors</c>: the browser origins of the web apps that call Lms (Development lists the
/// apps' dev servers; production lists none until configured).
/// </summary>
public sealed class CorsSettings
{
    /// <summary><c>scheme://host[:port]</c> each; <c>*</c> is refused (see <see cref="Cors.Origins"/>).</summary>
    public string[] Origins { get; set; } = [];

    /// <summary>How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours).</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}

/// <summary>
/// CORS for the web apps, with ASP.NET Core's middleware and one named policy: the configured origins only, with
/// credentials (004's HttpOnly cookies), the methods and request headers the apps send, and the response headers they
/// read. Registered before routing, so a preflight is answered with 204 before routing (which would answer 405), the
/// rate limiter, authentication and the tenant guard; an actual request's headers are added as its response starts,
/// so the error writers' answers (401, 403, 404, 429, 500) carry them too and the app can read the error body.
/// </summary>
internal static class Cors
{
    public const string PolicyName = "web-apps";

    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

    /// <summary>
    /// What the apps send (Authorization, Content-Type incl. multipart), what their clients add (Accept,
    /// Accept-Language, X-Requested-With) and the correlation id Lms echoes back.
    /// </summary>
    public static readonly string[] RequestHeaders =
        ["Authorization", "Content-Type", "Accept", "Accept-Language", "X-Requested-With", "X-Correlation-ID"];

    /// <summary>The response headers beyond the CORS-safelisted ones that a client needs to read.</summary>
    public static readonly string[] ExposedHeaders =
    [
        "X-Pagination-Count", "X-Pagination-Page", "X-Pagination-PageSize",
        "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After",
        "X-Correlation-ID", "Content-Disposition", "Location", "WWW-Authenticate",
    ];

    public static IServiceCollection AddLmsCors(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("Lms:Cors");
        var settings = section.Get<CorsSettings>() ?? new CorsSettings();
        // Also a comma-separated Lms__Cors__Origins, handier in an environment variable than __0, __1 ….
        var listed = section.GetSection("Origins").Value?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
        settings.Origins = [.. Origins([.. settings.Origins, .. listed])];
        services.AddSingleton(settings);
        services.AddCors(o => o.AddPolicy(PolicyName, Policy(settings)));
        return services;
    }

    /// <summary>No origin configured: no CORS middleware, every answer exactly as without it.</summary>
    public static IApplicationBuilder UseLmsCors(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<CorsSettings>().Origins.Length == 0 ? app : app.UseCors(PolicyName);

    internal static CorsPolicy Policy(CorsSettings settings)
    {
        var policy = new CorsPolicyBuilder()
            .WithMethods(Methods)
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromSeconds(Math.Max(0, settings.PreflightMaxAgeSeconds)));
        if (settings.Origins.Length == 0) return policy.Build(); // no origin allowed
        return policy.WithOrigins(settings.Origins).AllowCredentials().Build();
    }

    /// <summary>
    /// The configured origins as browsers write them (<c>scheme://host[:port]</c>, lower case, no default port, no
    /// trailing slash), duplicates dropped. A wildcard (<c>*</c>, or <c>https://*.example.com</c>) is refused at start-up:
    /// every listed origin may send credentials (004's cookies), and the CORS protocol forbids a wildcard with
    /// credentials; an "any origin" policy would also let any site read what a signed-in user's cookies unlock.
    /// </summary>
    internal static IReadOnlyList<string> Origins(IEnumerable<string?> configured)
    {
        var origins = new List<string>();
        foreach (var raw in configured)
        {
            var entry = raw?.Trim();
            if (string.IsNullOrEmpty(entry)) continue;
            if (entry.Contains('*', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Lms:Cors:Origins: \"{entry}\" is refused: the listed origins may send credentials (004's cookies), " +
                    "which the CORS protocol forbids with a wildcard. List each origin as scheme://host[:port].");
            }
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
                uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                throw new InvalidOperationException(
                    $"Lms:Cors:Origins: \"{entry}\" is not an origin; write scheme://host[:port], e.g. http://localhost:5173.");
            }
            var origin = uri.GetLeftPart(UriPartial.Authority);
            if (!origins.Contains(origin, StringComparer.Ordinal)) origins.Add(origin);
        }
        return origins;
    }
}
