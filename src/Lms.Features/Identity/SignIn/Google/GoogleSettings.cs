namespace Lms.Features.Identity.SignIn.Google;

/// <summary>
/// Configuration section <c>Lms:Google</c> for 001's Google sign-in (spec decision 10). Sign-in is off (503) until at
/// least one OAuth client id is configured: the ID token's audience must be one of them.
/// </summary>
public sealed class GoogleSettings
{
    public const string Section = "Lms:Google";
    public const string GoogleJwksUrl = "https://www.googleapis.com/oauth2/v3/certs";
    internal static readonly string[] GoogleIssuers = ["accounts.google.com", "https://accounts.google.com"];

    /// <summary>Google's public signing keys (a JWK set). Tests point it at a local fake.</summary>
    public string JwksUrl { get; set; } = GoogleJwksUrl;

    /// <summary>The web/mobile OAuth client ids whose ID tokens are accepted (the token's <c>aud</c>).</summary>
    public List<string> ClientIds { get; set; } = [];

    /// <summary>Accepted <c>iss</c> values; Google's two when empty.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public int KeysCacheMinutes { get; set; } = 60;

    /// <summary>
    /// A token signed with a key id the cached set lacks makes the keys be fetched again (Google rotated them), at most
    /// once per this many seconds, so forged key ids cannot make every request call Google.
    /// </summary>
    public int UnknownKeyRefetchSeconds { get; set; } = 60;

    /// <summary>Timeout of the key fetch.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public IReadOnlyList<string> Audiences => ClientIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).ToList();

    public IReadOnlyList<string> EffectiveIssuers =>
        Issuers.Any(i => !string.IsNullOrWhiteSpace(i)) ? Issuers.Where(i => !string.IsNullOrWhiteSpace(i)).ToList() : GoogleIssuers;

    public bool IsConfigured => Audiences.Count > 0;
}
