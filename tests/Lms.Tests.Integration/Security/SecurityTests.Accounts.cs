using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Lms.Features.Common.Security;
using Lms.Features.Identity;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// Finding 2 (high): a username shaped like an e-mail took over that e-mail's sign-in; finding 5 (low): look-alike
/// usernames. Every route that sets a username refuses <c>@</c> and look-alikes, and sign-in resolves one account.
/// </summary>
public sealed partial class SecurityTests
{
    private const string StrongPassword = "Sturdy-Pass-2026";
    private const string AttackerPassword = "Attacker-Pass-2026";
    private static int _phones;

    private static string Phone() => "0155" + Interlocked.Increment(ref _phones).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The routes that create or rename an account with a chosen username, each as its document words it.</summary>
    public static TheoryData<string> UsernameRoutes => ["003", "000", "004-teacher", "004-student", "001-rename"];

    /// <summary>Sets <paramref name="username"/> through the route; returns the response and the field that names it.</summary>
    private async Task<(HttpResponseMessage Response, string Field)> SetUsername(string route, string username, string email)
    {
        switch (route)
        {
            case "003":
                return (await Anonymous().PostAsJsonAsync("/api/users/register/",
                    new { username, email, password = AttackerPassword, first_name = "Mal", last_name = "Lory" }), "username");
            case "000":
                return (await Anonymous().PostAsJsonAsync("/api/auth/register/",
                    new { username, email, password = AttackerPassword, password_confirm = AttackerPassword, first_name = "Mal" }), "username");
            case "004-teacher":
                return (await Anonymous().PostAsJsonAsync("/api/teacher/teacher-register/", new
                {
                    first_name = "Mal", last_name = "Lory", username, email, phone = Phone(), password1 = AttackerPassword,
                    password2 = AttackerPassword,
                }), "username");
            case "004-student":
                await EnsureTeacher004();
                return (await Anonymous().PostAsJsonAsync("/api/student/student-register/hostteacher/", new
                {
                    first_name = "Mal", last_name = "Lory", username, email, phone = Phone(), parent_phone = "01098765432",
                    password1 = AttackerPassword, password2 = AttackerPassword,
                }), "username");
            case "001-rename":
                var (client, _) = await RegisterThrough003($"renamer{Interlocked.Increment(ref _phones)}", email);
                return (await client.PutAsJsonAsync("/accounts/clients/1/user-profile/", new { user_name = username }), "user_name");
            default:
                throw new ArgumentOutOfRangeException(nameof(route));
        }
    }

    private bool _teacher004;

    private async Task EnsureTeacher004()
    {
        if (_teacher004) return;
        var response = await Anonymous().PostAsJsonAsync("/api/teacher/teacher-register/", new
        {
            first_name = "Host", last_name = "Teacher", username = "hostteacher", email = "hostteacher@example.com", phone = Phone(),
            password1 = StrongPassword, password2 = StrongPassword,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        _teacher004 = true;
    }

    private async Task<(HttpClient Client, long Id)> RegisterThrough003(string username, string email, string password = StrongPassword)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/users/register/",
            new { username, email, password, first_name = "Vic", last_name = "Tim" });
        var body = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register failed: {(int)response.StatusCode} {body}");
        return (As(await Login(username, password)), body["id"]!.GetValue<long>());
    }

    /// <summary>The first message for a field, in the route's error format (003 nests the fields under <c>details</c>).</summary>
    private static string FieldMessage(JsonNode body, string route, string field) =>
        (route == "003" ? body["details"]![field] : body[field])![0]!.GetValue<string>();

    [Theory]
    [MemberData(nameof(UsernameRoutes))]
    public async Task A_username_with_an_at_sign_is_refused_by_every_route_that_sets_one(string route)
    {
        await RegisterThrough003("victim1", "victim@example.com");

        var (response, field) = await SetUsername(route, "victim@example.com", $"mal.{route}@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(AccountRules.UsernameInvalid, FieldMessage(body, route, field));
        if (route.StartsWith("004", StringComparison.Ordinal)) Assert.NotNull(body["field_errors"]);
    }

    /// <summary>Look-alikes of the existing username <c>kelvin.sam</c> that every route must refuse, and why.</summary>
    public static TheoryData<string, string, string> LookAlikes
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            var names = new (string Name, bool Exists)[]
            {
                ("KELVIN.SAM", true),                    // case variant
                ("\u212Aelvin.sam", true),               // KELVIN SIGN, NFKC K
                ("kelvin.\u017Fam", true),               // LATIN SMALL LONG S, NFKC s
                ("ｋｅｌｖｉｎ.ｓａｍ", true),           // full-width letters
                ("kelv\u0131n.sam", true),               // dotless i
                ("k\u0435lvin.sam", false),              // one Cyrillic ie among Latin letters
                ("kelvi\u0307n.sam", false),             // a combining dot on a Latin letter (no precomposed form)
                ("kelvin.sam\u200D", false),             // zero-width joiner
            };
            foreach (var route in new[] { "003", "000", "004-teacher", "004-student", "001-rename" })
            {
                foreach (var (name, exists) in names) data.Add(route, name, exists ? "exists" : "invalid");
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task A_look_alike_of_an_existing_username_is_refused(string route, string username, string why)
    {
        await RegisterThrough003("kelvin.sam", "kelvin.sam@example.com");

        var (response, field) = await SetUsername(route, username, $"look.alike.{route}@example.com");

        // 003 answers a taken username with 409 (its document's conflict), every other document with 400.
        Assert.Equal(route == "003" && why == "exists" ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest, response.StatusCode);
        var message = FieldMessage(await Json(response), route, field);
        if (why == "exists") Assert.Contains("already exists", message, StringComparison.Ordinal);
        else Assert.StartsWith("Enter a valid username.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_cyrillic_look_alike_of_a_latin_username_already_exists()
    {
        await RegisterThrough003("cocoa", "cocoa@example.com");

        // с, о, с, о, а: every letter Cyrillic, so the name is of one alphabet, and it reads "cocoa".
        var (response, _) = await SetUsername("003", "\u0441\u043e\u0441\u043e\u0430", "cyrillic@example.com");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode); // 003 answers a taken username with 409
        Assert.Equal("A user with that username already exists.", FieldMessage(await Json(response), "003", "username"));
    }

    private static readonly string[] OneAlphabetNames = ["Дмитрий", "Ελένη", "山田たろう", "अनीता"];

    [Fact]
    public async Task Names_of_one_other_alphabet_are_still_welcome()
    {
        foreach (var (name, i) in OneAlphabetNames.Select((n, i) => (n, i)))
        {
            var (response, _) = await SetUsername("003", name, $"intl{i}@example.com");
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Every document's login with the victim's e-mail: the status and the signed-in user's id (from the JWT).</summary>
    private async Task<List<(string Route, HttpStatusCode Status, long? UserId)>> SignInByEmailEverywhere(string email, string password)
    {
        var attempts = new (string Route, object Body)[]
        {
            ("/api/token/", new { username = email, password }),
            ("/api/auth/login/", new { username = email, password }),
            ("/api/users/auth/login/", new { email, password }),
            ("/accounts/clients/1/user/login/", new { email, password }),
            ("/api/teacher/login/", new { username = email, password }),
        };
        var results = new List<(string, HttpStatusCode, long?)>();
        foreach (var (route, body) in attempts)
        {
            var response = await Anonymous().PostAsJsonAsync(route, body);
            var json = await Json(response);
            results.Add((route, response.StatusCode, json["access"] is { } access ? Subject(access.GetValue<string>()) : null));
        }
        return results;
    }

    private static long Subject(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return long.Parse(JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!["sub"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_victims_email_sign_in_is_unaffected_by_any_registration_or_rename()
    {
        // The victim is a teacher, so that 004's teacher login applies to them too.
        var register = await Anonymous().PostAsJsonAsync("/api/users/register/",
            new { username = "victim2", email = "victim2@example.com", password = StrongPassword, role = "teacher" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var victimId = (await Json(register))["id"]!.GetValue<long>();

        // Every way the probe tried to put the victim's e-mail into another account's username.
        foreach (var route in new[] { "003", "000", "004-teacher", "004-student", "001-rename" })
        {
            var (attempt, _) = await SetUsername(route, "Victim2@Example.com", $"attacker.{route}@example.com");
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        }

        var victim = await SignInByEmailEverywhere("victim2@example.com", StrongPassword);
        Assert.All(victim, r => Assert.True(r.Status == HttpStatusCode.OK && r.UserId == victimId, $"{r.Route}: {r.Status} as {r.UserId}"));
        var attacker = await SignInByEmailEverywhere("victim2@example.com", AttackerPassword);
        Assert.All(attacker, r => Assert.True(r.Status == HttpStatusCode.Unauthorized || r.Status == HttpStatusCode.NotFound,
            $"{r.Route}: {r.Status} as {r.UserId}"));
    }

    /// <summary>An account stored before this rule, with a username shaped like an e-mail (written behind the API, which refuses it now).</summary>
    private async Task<User> LegacyAccount(string username, string email, string? usernameKey = null, string? emailKey = null)
    {
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession("1");
        var user = User.Create(username, email, "Leg", "Acy", Role.Student, DateTimeOffset.UtcNow);
        if (usernameKey is not null) user.UsernameNormalized = usernameKey;
        if (emailKey is not null) user.EmailNormalized = emailKey;
        user.PasswordHash = Passwords.Hash(user, StrongPassword);
        session.Insert(user);
        await session.SaveChangesAsync();
        return user;
    }

    [Fact]
    public async Task An_existing_account_whose_username_has_an_at_sign_signs_in_by_its_email_and_never_answers_for_that_address()
    {
        var victim = await RegisterThrough003("realowner", "owner@example.com");
        var legacy = await LegacyAccount("owner@example.com", "legacy.self@example.com");

        var byOwnEmail = await SignInByEmailEverywhere("legacy.self@example.com", StrongPassword);
        var byUsername = await SignInByEmailEverywhere("owner@example.com", StrongPassword);

        Assert.All(byOwnEmail.Where(r => r.Route != "/api/teacher/login/"), r => Assert.Equal(legacy.Id, r.UserId));
        Assert.All(byUsername.Where(r => r.Route != "/api/teacher/login/"), r => Assert.Equal(victim.Id, r.UserId));
    }

    [Fact]
    public async Task The_start_up_migration_re_keys_stored_accounts_and_the_plain_name_wins_a_clash()
    {
        // Keys as the previous rule stored them (trimmed, upper-case), for a full-width "ｂｏｂ" created before a plain "bob".
        var wide = await LegacyAccount("ｂｏｂ", "wide.bob@example.com", "ｂｏｂ".ToUpperInvariant(), "WIDE.BOB@EXAMPLE.COM");
        var plain = await LegacyAccount("bob", "Plain.Bob@Example.com", "BOB", "PLAIN.BOB@EXAMPLE.COM");
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using (var global = store.LightweightSession("1"))
        {
            global.Delete<AccountKeyVersion>(AccountKeyMigration.Version);
            await global.SaveChangesAsync();
        }

        await Factory.Services.GetRequiredService<AccountKeyMigration>().RunAsync(CancellationToken.None);

        await using var session = store.QuerySession("1");
        var plainNow = await session.LoadAsync<User>(plain.Id);
        var wideNow = await session.LoadAsync<User>(wide.Id);
        Assert.Equal(("bob", "plain.bob@example.com"), (plainNow!.UsernameNormalized, plainNow.EmailNormalized));
        Assert.NotEqual("bob", wideNow!.UsernameNormalized);
        Assert.Equal("wide.bob@example.com", wideNow.EmailNormalized);
        Assert.Equal(plain.Id, Subject(await Login("bob", StrongPassword)));
        Assert.Equal(wide.Id, Subject(await Login("wide.bob@example.com", StrongPassword)));
        Assert.NotNull(await session.LoadAsync<AccountKeyVersion>(AccountKeyMigration.Version));
    }
}
