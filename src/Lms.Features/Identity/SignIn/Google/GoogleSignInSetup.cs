using Microsoft.Extensions.Configuration;

namespace Lms.Features.Identity.SignIn.Google;

/// <summary>
/// Registers 001's Google sign-in: settings <c>Lms:Google</c>, the key set's named HttpClient, the key set (a singleton:
/// its cache lives as long as the app) and the token validator. Program.cs calls <see cref="Add"/> once.
/// </summary>
public static class GoogleSignInSetup
{
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GoogleSettings>(configuration.GetSection(GoogleSettings.Section));
        services.AddHttpClient(GoogleKeySet.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Lms/1.0");
        });
        services.AddSingleton<GoogleKeySet>();
        services.AddSingleton<GoogleIdTokens>();
        return services;
    }
}
