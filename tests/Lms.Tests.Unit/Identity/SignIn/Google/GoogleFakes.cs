using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lms.Features.Identity.SignIn.Google;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Tests.Unit.Identity.SignIn.Google;

/// <summary>A fake Google: a JWK set served by an in-memory HTTP handler that counts requests, and a settable clock.</summary>
internal sealed class FakeGoogle
{
    public const string Audience = "app.apps.googleusercontent.com";

    public List<RSA> Keys { get; } = [];
    public Dictionary<RSA, string> KeyIds { get; } = [];
    public int Requests { get; private set; }
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
    public string? Body { get; set; }
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public GoogleSettings Settings { get; } = new() { ClientIds = [Audience], JwksUrl = "https://google.test/certs" };

    public RSA AddKey(string kid)
    {
        var rsa = RSA.Create(2048);
        Keys.Add(rsa);
        KeyIds[rsa] = kid;
        return rsa;
    }

    public GoogleKeySet KeySet() =>
        new(new Factory(new Handler(this)), new Monitor(Settings), Clock, NullLogger<GoogleKeySet>.Instance);

    public GoogleIdTokens Validator(GoogleKeySet? keys = null) => new(keys ?? KeySet(), new Monitor(Settings), Clock);

    public string Token(RSA rsa, Action<Dictionary<string, object>>? claims = null, string audience = Audience,
        string issuer = "https://accounts.google.com", TimeSpan? lifetime = null, string algorithm = SecurityAlgorithms.RsaSha256,
        SecurityKey? key = null)
    {
        var issued = Clock.GetUtcNow().UtcDateTime;
        var values = new Dictionary<string, object>
        {
            ["sub"] = "123", ["email"] = "asha@gmail.com", ["email_verified"] = true, ["given_name"] = "Asha", ["family_name"] = "Rao",
        };
        claims?.Invoke(values);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + (lifetime ?? TimeSpan.FromHours(1)),
            Claims = values,
            SigningCredentials = new SigningCredentials(key ?? new RsaSecurityKey(rsa) { KeyId = KeyIds[rsa] }, algorithm),
        });
    }

    private string Jwks()
    {
        var keys = new JsonArray();
        foreach (var rsa in Keys)
        {
            var p = rsa.ExportParameters(false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA", ["alg"] = "RS256", ["use"] = "sig", ["kid"] = KeyIds[rsa],
                ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            });
        }
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private sealed class Handler(FakeGoogle google) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            google.Requests++;
            return Task.FromResult(new HttpResponseMessage(google.Status) { Content = new StringContent(google.Body ?? google.Jwks()) });
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class Monitor(GoogleSettings settings) : IOptionsMonitor<GoogleSettings>
    {
        public GoogleSettings CurrentValue => settings;
        public GoogleSettings Get(string? name) => settings;
        public IDisposable? OnChange(Action<GoogleSettings, string?> listener) => null;
    }
}

internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
