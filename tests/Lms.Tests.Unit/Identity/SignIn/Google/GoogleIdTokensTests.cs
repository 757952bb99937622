using System.Security.Cryptography;
using System.Text;
using Lms.Features.Common.Errors;
using Lms.Features.Identity.SignIn.Google;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Tests.Unit.Identity.SignIn.Google;

public class GoogleIdTokensTests
{
    private readonly FakeGoogle _google = new();
    private readonly RSA _key;

    public GoogleIdTokensTests() => _key = _google.AddKey("k1");

    [Fact]
    public async Task A_valid_token_gives_the_google_identity()
    {
        var identity = await _google.Validator().ValidateAsync(_google.Token(_key), CancellationToken.None);

        Assert.Equal(new GoogleIdentity("123", "asha@gmail.com", "Asha", "Rao"), identity);
    }

    [Fact]
    public async Task Both_google_issuers_and_any_configured_audience_are_accepted()
    {
        _google.Settings.ClientIds.Add("second.apps.googleusercontent.com");
        var validator = _google.Validator();

        await validator.ValidateAsync(_google.Token(_key, issuer: "accounts.google.com"), CancellationToken.None);
        await validator.ValidateAsync(_google.Token(_key, audience: "second.apps.googleusercontent.com"), CancellationToken.None);
    }

    [Fact]
    public async Task An_email_verified_claim_sent_as_a_string_counts()
    {
        var identity = await _google.Validator().ValidateAsync(_google.Token(_key, c => c["email_verified"] = "true"), CancellationToken.None);

        Assert.Equal("asha@gmail.com", identity.Email);
    }

    public static TheoryData<string> Problems => ["audience", "issuer", "expired", "not-yet-valid", "unknown-key", "hs256-with-public-key",
        "no-email", "tampered-signature", "not-a-jwt", "unsigned"];

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task An_invalid_token_is_a_401_that_does_not_say_why(string problem)
    {
        var token = problem switch
        {
            "audience" => _google.Token(_key, audience: "other.apps.googleusercontent.com"),
            "issuer" => _google.Token(_key, issuer: "https://evil.example"),
            "expired" => Expired(),
            "not-yet-valid" => NotYetValid(),
            "unknown-key" => _google.Token(RSA.Create(2048), key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" }),
            "hs256-with-public-key" => _google.Token(_key, algorithm: SecurityAlgorithms.HmacSha256,
                key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_key.ExportRSAPublicKeyPem().PadRight(64))) { KeyId = "k1" }),
            "no-email" => _google.Token(_key, c => c.Remove("email")),
            "tampered-signature" => _google.Token(_key)[..^4] + "AAAA",
            "not-a-jwt" => "definitely not a token",
            _ => Base64UrlEncoder.Encode("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + Base64UrlEncoder.Encode("{\"email\":\"asha@gmail.com\"}") + ".",
        };

        var error = await Assert.ThrowsAsync<NotAuthenticated>(() => _google.Validator().ValidateAsync(token, CancellationToken.None));

        Assert.Equal(GoogleIdTokens.InvalidToken, error.Message);
    }

    [Fact]
    public async Task An_unverified_email_is_a_401_that_says_so()
    {
        var error = await Assert.ThrowsAsync<NotAuthenticated>(() =>
            _google.Validator().ValidateAsync(_google.Token(_key, c => c["email_verified"] = false), CancellationToken.None));

        Assert.Equal(GoogleIdTokens.EmailNotVerified, error.Message);
    }

    [Fact]
    public async Task A_token_within_two_minutes_of_expiry_skew_is_still_accepted()
    {
        var token = _google.Token(_key, lifetime: TimeSpan.FromMinutes(10));
        _google.Clock.Advance(TimeSpan.FromMinutes(11));

        await _google.Validator().ValidateAsync(token, CancellationToken.None);
    }

    [Fact]
    public async Task Without_configured_client_ids_validation_is_a_503_and_google_is_not_called()
    {
        _google.Settings.ClientIds.Clear();
        _google.Settings.ClientIds.Add("  ");

        var error = await Assert.ThrowsAsync<ServiceUnavailable>(() => _google.Validator().ValidateAsync(_google.Token(_key), CancellationToken.None));

        Assert.Equal(GoogleIdTokens.NotConfigured, error.Message);
        Assert.Equal(0, _google.Requests);
    }

    private string Expired()
    {
        var token = _google.Token(_key, lifetime: TimeSpan.FromMinutes(10));
        _google.Clock.Advance(TimeSpan.FromMinutes(13));
        return token;
    }

    private string NotYetValid()
    {
        _google.Clock.Advance(TimeSpan.FromMinutes(10));
        var token = _google.Token(_key);
        _google.Clock.Advance(TimeSpan.FromMinutes(-10));
        return token;
    }
}
