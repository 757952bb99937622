using Lms.Features.Common.Email;
using Lms.Features.Common.Media;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Lms.Features.Identity.Codes;
using Lms.Features.Identity.SignIn;
using Microsoft.Extensions.FileProviders;

namespace Lms.Api.Hosting;

/// <summary>What the identity slices need underneath: e-mail, media storage, codes, throttling, the shared sign-in and Google's keys.</summary>
internal static class IdentityServices
{
    public static IServiceCollection AddLmsIdentity(this IServiceCollection services, IConfiguration config, string dataDirectory,
        IHostEnvironment environment)
    {
        ConfigurePasswordHashing(config, environment);
        services.Configure<EmailSettings>(config.GetSection("Lms:Email"));
        var email = config.GetSection("Lms:Email").Get<EmailSettings>() ?? new EmailSettings();
        services.AddSingleton(new MailDirectory(Path.IsPathRooted(email.PickupDirectory)
            ? email.PickupDirectory
            : Path.Combine(dataDirectory, email.PickupDirectory)));
        services.AddScoped<Mailer>();
        services.AddTransient<EmailJob>();
        services.AddTransient<EmailJobsStartup>();

        services.AddSingleton(new MediaRoot(Path.Combine(dataDirectory, "media")));
        services.AddSingleton<IMediaStorage, LocalDiskMediaStorage>();
        services.AddSingleton<MediaUrls>();

        services.Configure<ThrottleSettings>(config.GetSection("Lms:Throttle"));
        services.AddSingleton<AttemptThrottle>();
        services.AddSingleton<OneTimeCodes>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<AccountKeyMigration>();
        Lms.Features.Identity.SignIn.Google.GoogleSignInSetup.Add(services, config);
        return services;
    }

    /// <summary>
    /// <c>Lms:Passwords:Iterations</c>: PBKDF2's work factor for new hashes, 100,000 by default. Less is refused outside
    /// the test host's "Testing" environment, so a copied setting cannot weaken a deployment.
    /// </summary>
    public static void ConfigurePasswordHashing(IConfiguration config, IHostEnvironment environment)
    {
        var iterations = config.GetValue("Lms:Passwords:Iterations", Passwords.DefaultIterations);
        if (iterations < Passwords.DefaultIterations && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"Lms:Passwords:Iterations is {iterations}; at least {Passwords.DefaultIterations} is required (a lower count is for the test suite only).");
        }
        Passwords.UseIterations(iterations);
    }

    /// <summary>Uploaded media at <c>/media/…</c>, never sniffed by browsers as anything but what was stored.</summary>
    public static IApplicationBuilder UseLmsMedia(this IApplicationBuilder app)
    {
        var root = app.ApplicationServices.GetRequiredService<MediaRoot>();
        Directory.CreateDirectory(root.Path);
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root.Path),
            RequestPath = MediaUrls.RequestPath,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers["X-Content-Type-Options"] = "nosniff",
        });
    }
}
