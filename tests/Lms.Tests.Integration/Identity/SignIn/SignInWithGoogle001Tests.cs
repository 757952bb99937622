using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lms.Features.Identity;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Lms.Tests.Integration.Identity.SignIn;

/// <summary>
/// The app with Google sign-in configured against a local WireMock server that serves a JWK set made in the test, so
/// the tests sign their own Google ID tokens. Its own host and schema.
/// </summary>
public sealed class GoogleApiFactory : LmsApiFactory
{
    public const string Audience = "test-client.apps.googleusercontent.com";
    public const string JwksPath = "/oauth2/v3/certs";

    public WireMockServer Google { get; } = WireMockServer.Start();

    /// <summary>The key Google "currently" signs with, published from the start.</summary>
    public GoogleKey Current { get; } = new("current-key");

    public GoogleApiFactory() => Publish(Current);

    /// <summary>Serves exactly these keys as Google's JWK set.</summary>
    public void Publish(params GoogleKey[] keys)
    {
        var set = new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k.Jwk()).ToArray()) };
        Google.ResetMappings();
        Google.Given(Request.Create().WithPath(JwksPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(set.ToJsonString()));
    }

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Lms:Google:JwksUrl"] = Google.Url + JwksPath;
        settings["Lms:Google:ClientIds:0"] = "another-app.apps.googleusercontent.com";
        settings["Lms:Google:ClientIds:1"] = Audience;
        // Integration tests rotate keys between requests; the re-fetch interval has its own unit tests.
        settings["Lms:Google:UnknownKeyRefetchSeconds"] = "0";
        return settings;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Google.Stop();
        Google.Dispose();
    }
}

/// <summary>An RSA key pair standing in for one of Google's signing keys.</summary>
public sealed class GoogleKey(string keyId)
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyId { get; } = keyId;

    public JsonObject Jwk()
    {
        var p = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["alg"] = "RS256", ["use"] = "sig", ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
    }

    /// <summary>A Google-shaped ID token; each argument overrides one claim.</summary>
    public string IdToken(string email = "asha@gmail.com", bool emailVerified = true, string audience = GoogleApiFactory.Audience,
        string issuer = "https://accounts.google.com", TimeSpan? expiresIn = null, string givenName = "Asha", string familyName = "Rao")
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var issued = expires < now ? expires - TimeSpan.FromHours(1) : now;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "1098765432101234567890", ["email"] = email, ["email_verified"] = emailVerified,
                ["given_name"] = givenName, ["family_name"] = familyName, ["name"] = $"{givenName} {familyName}",
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }
}

public sealed class SignInWithGoogle001Tests(GoogleApiFactory factory) : Accounts001Test(factory), IClassFixture<GoogleApiFactory>
{
    private GoogleApiFactory Google => (GoogleApiFactory)Factory;

    private async Task<HttpResponseMessage> GoogleLogin(long client, string token) =>
        await Anonymous().PostAsJsonAsync(Accounts(client, "user/login/google/"), new { token });

    [Fact]
    public async Task A_first_google_sign_in_creates_a_verified_student_and_signs_in()
    {
        var client = await NewClient("Acme Academy");

        var response = await GoogleLogin(client, Google.Current.IdToken(email: "Asha.Rao@gmail.com", givenName: "Asha", familyName: "Rao"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("Asha.Rao@gmail.com", body["user"]!["email"]!.GetValue<string>());
        Assert.Equal("Rao", body["user"]!["last_name"]!.GetValue<string>());
        await Contract.MatchDocumented(response, "ok", SignIn001Tests.AppOnly001);
        var profile = await Json(await As(body["access"]!.GetValue<string>()).GetAsync(Accounts(client, "user-profile/")));
        Assert.Equal("student", profile["role"]!.GetValue<string>());
        Assert.Equal("asha.rao", profile["user_name"]!.GetValue<string>());

        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var user = await session.Query<User>().SingleAsync(u => u.EmailNormalized == "asha.rao@gmail.com");
        Assert.True(user.EmailVerified);
        Assert.Equal("001", user.RegisteredVia);
    }

    [Fact]
    public async Task A_google_sign_in_with_the_email_of_an_existing_account_signs_into_that_account()
    {
        var client = await NewClient("Acme Academy");
        var existing = await SignedIn(client, "asha@gmail.com");

        var again = await Json(await GoogleLogin(client, Google.Current.IdToken(email: "ASHA@gmail.com")));
        var twice = await Json(await GoogleLogin(client, Google.Current.IdToken(email: "asha@gmail.com")));

        Assert.Equal(existing["user"]!["id"]!.GetValue<long>(), again["user"]!["id"]!.GetValue<long>());
        Assert.Equal(existing["user"]!["id"]!.GetValue<long>(), twice["user"]!["id"]!.GetValue<long>());
        // The password still works too.
        Assert.Equal(HttpStatusCode.OK, (await LoginAt(client, "asha@gmail.com")).StatusCode);
    }

    [Fact]
    public async Task The_same_google_account_gets_separate_accounts_in_separate_clients()
    {
        var two = await NewClient("Two");
        var three = await NewClient("Three");

        var inTwo = await Json(await GoogleLogin(two, Google.Current.IdToken()));
        var inThree = await Json(await GoogleLogin(three, Google.Current.IdToken()));

        Assert.NotEqual(inTwo["user"]!["id"]!.GetValue<long>(), inThree["user"]!["id"]!.GetValue<long>());
        var twoToken = inTwo["access"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await As(twoToken).GetAsync(Accounts(three, "user-profile/"))).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_returns_401()
    {
        var client = await NewClient("Acme Academy");

        var response = await GoogleLogin(client, Google.Current.IdToken(audience: "someone-else.apps.googleusercontent.com"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid Google token.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "invalid-token");
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("expired")]
    [InlineData("unpublished-key")]
    [InlineData("tampered")]
    [InlineData("garbage")]
    public async Task An_invalid_google_token_returns_401(string problem)
    {
        var client = await NewClient("Acme Academy");
        var token = problem switch
        {
            "issuer" => Google.Current.IdToken(issuer: "https://accounts.evil.example"),
            "expired" => Google.Current.IdToken(expiresIn: TimeSpan.FromMinutes(-10)),
            "unpublished-key" => new GoogleKey("forged-key").IdToken(),
            "tampered" => Tamper(Google.Current.IdToken()),
            _ => "not-a-jwt",
        };

        var response = await GoogleLogin(client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid Google token.", (await Json(response))["detail"]!.GetValue<string>());
        Assert.Equal(0, await UserCount(client));
    }

    [Fact]
    public async Task A_google_account_with_an_unverified_email_returns_401_saying_so()
    {
        var client = await NewClient("Acme Academy");

        var response = await GoogleLogin(client, Google.Current.IdToken(emailVerified: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The Google account's email address is not verified.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "email-not-verified");
        Assert.Equal(0, await UserCount(client));
    }

    [Fact]
    public async Task A_token_signed_with_a_newly_rotated_key_is_accepted_after_one_refetch()
    {
        var client = await NewClient("Acme Academy");
        Assert.Equal(HttpStatusCode.OK, (await GoogleLogin(client, Google.Current.IdToken())).StatusCode);
        var rotated = new GoogleKey("rotated-key");
        Google.Publish(Google.Current, rotated);
        var fetchesBefore = JwksRequests();

        var response = await GoogleLogin(client, rotated.IdToken(email: "ravi@gmail.com"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fetchesBefore + 1, JwksRequests());
        Assert.Equal(HttpStatusCode.OK, (await GoogleLogin(client, rotated.IdToken(email: "ravi@gmail.com"))).StatusCode);
        Assert.Equal(fetchesBefore + 1, JwksRequests());
    }

    [Fact]
    public async Task A_google_sign_in_without_a_token_returns_400()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsync(Accounts(client, "user/login/google/"), RawJson("{\"token\": \"\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This field is required.", (await Json(response))["token"]![0]!.GetValue<string>());
        await Contract.Match(response, "missing-token");
    }

    [Fact]
    public async Task A_google_sign_in_at_an_unknown_client_returns_404()
    {
        var response = await GoogleLogin(77777, Google.Current.IdToken());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private int JwksRequests() => Google.Google.LogEntries.Count(e => e.RequestMessage?.Path == GoogleApiFactory.JwksPath);

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["email"] = "victim@gmail.com";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private async Task<int> UserCount(long client)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await session.Query<User>().CountAsync();
    }
}

/// <summary>With no OAuth client id configured (the normal test host), Google sign-in answers 503 and does nothing.</summary>
public sealed class SignInWithGoogleNotConfigured001Tests(LmsApiFactory factory) : Accounts001Test(factory)
{
    [Fact]
    public async Task Google_sign_in_without_configured_client_ids_returns_503()
    {
        var client = await NewClient("Acme Academy");

        var response = await Anonymous().PostAsJsonAsync(Accounts(client, "user/login/google/"),
            new { token = new GoogleKey("any").IdToken() });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Google sign-in is not configured on this server.", (await Json(response))["detail"]!.GetValue<string>());
        await Contract.Match(response, "not-configured");
    }
}
