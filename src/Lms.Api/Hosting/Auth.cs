using System.Security.Cryptography;
using Lms.Features.Common.Errors;
using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;
using Lms.Features.Common.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Lms.Api.Hosting;

/// <summary>JWT bearer (or the HttpOnly <c>access_token</c> cookie 004 uses), role policies, and 401/403 in the route's format.</summary>
internal static class Auth
{
    public static IServiceCollection AddLmsAuth(this IServiceCollection services, IConfiguration config, string dataDirectory)
    {
        var settings = config.GetSection("Auth").Get<JwtSettings>() ?? new JwtSettings();
        if (string.IsNullOrEmpty(settings.SigningKey))
        {
            settings.SigningKey = InstallationKey(Path.IsPathRooted(settings.SigningKeyFile)
                ? settings.SigningKeyFile
                : Path.Combine(dataDirectory, Path.GetFileName(settings.SigningKeyFile)));
        }
        services.Configure<JwtSettings>(s =>
        {
            config.GetSection("Auth").Bind(s);
            s.SigningKey = settings.SigningKey;
        });

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = settings.Validation();
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = ctx =>
                    {
                        if (string.IsNullOrEmpty(ctx.Request.Headers.Authorization) &&
                            ctx.Request.Cookies.TryGetValue("access_token", out var cookie) && !string.IsNullOrEmpty(cookie))
                        {
                            ctx.Token = cookie;
                        }
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = ctx =>
                    {
                        // A refresh token is not an access token.
                        if (ctx.Principal?.FindFirst(LmsClaims.TokenType)?.Value != "access") ctx.Fail("Not an access token.");
                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Student, p => p.RequireAuthenticatedUser().RequireClaim(LmsClaims.Role, Roles.Student))
            .AddPolicy(Policies.Teacher, p => p.RequireAuthenticatedUser().RequireClaim(LmsClaims.Role, Roles.Teacher, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireClaim(LmsClaims.Role, Roles.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ErrorWritingResultHandler>();
        return services;
    }

    /// <summary>
    /// A client's token cannot act in another client (spec decision 4): a token whose client differs from the route's
    /// <c>{client_id}</c> answers 403, and so does a token of another client on the routes of 000, 002, 003 and 004, which
    /// act in the default client 1. (001's routes without <c>{client_id}</c> are left to the identity issue.)
    /// </summary>
    public static IApplicationBuilder UseTenantGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated == true && ActingClient(http) is { } client && http.User.ClientOrNull() != client)
            {
                await ErrorBody.WriteAsync(http, new PermissionDenied("This token belongs to another client."));
                return;
            }
            using (Serilog.Context.LogContext.PushProperty("UserId", http.User.UserIdOrNull()))
                await next(http);
        });

    private static long? ActingClient(HttpContext http)
    {
        if (TenantContext.FromRoute(http) is { } routeClient) return routeClient;
        var documents = http.GetEndpoint()?.Metadata.GetMetadata<DocumentSurface>()?.Documents ?? ApiDocument.None;
        return documents != ApiDocument.None && documents != ApiDocument.Doc001 ? TenantContext.DefaultClientId : null;
    }

    /// <summary>The demo/dev signing key: generated once per installation, kept under .data/, never committed.</summary>
    private static string InstallationKey(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 43) return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    private sealed class ErrorWritingResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Challenged)
            {
                var hadToken = !string.IsNullOrEmpty(context.Request.Headers.Authorization) || context.Request.Cookies.ContainsKey("access_token");
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"api\"";
                return ErrorBody.WriteAsync(context, DrfErrors.UnauthenticatedFor(ErrorBody.DocumentsOf(context), hadToken));
            }
            if (authorizeResult.Forbidden)
                return ErrorBody.WriteAsync(context, DrfErrors.ForbiddenFor(ErrorBody.DocumentsOf(context)));
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
