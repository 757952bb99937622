using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Lms.Features.Identity.Codes;
using Lms.Tests.Integration.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// Found while closing the job-argument leak: codes were stored as an unkeyed SHA-256, so whoever could read the code
/// table recovered a live 6-digit OTP by hashing all million of them. Stored codes are now keyed hashes.
/// </summary>
public sealed partial class SecurityTests
{
    private static string Sha256Hex(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private async Task<(string Email, string Otp)> RequestPasswordReset004(string username)
    {
        var email = $"{username}@example.com";
        var register = await Anonymous().PostAsJsonAsync("/api/teacher/teacher-register/", new
        {
            first_name = "Rita", last_name = "Reset", username, email, phone = Phone(), password1 = StrongPassword, password2 = StrongPassword,
        });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous().PostAsJsonAsync("/api/password-reset/request/", new { email })).StatusCode);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (email, Mailbox.Otp(await Factory.Mailbox.WaitForAsync(email)));
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(100); // the job's MailKit write still holds the file
            }
        }
    }

    [Fact]
    public async Task A_stored_otp_is_not_the_plain_sha256_of_the_code_so_reading_the_table_does_not_reveal_it()
    {
        var (email, otp) = await RequestPasswordReset004("hashcheck");

        await using var session = Factory.Services.GetRequiredService<IDocumentStore>().QuerySession("1");
        var record = await session.LoadAsync<OneTimeCode>(OneTimeCodes.OtpId(CodePurpose.PasswordReset, 1, email));

        Assert.NotNull(record);
        Assert.True(record.Keyed);
        Assert.NotEqual(Sha256Hex(otp), record.CodeHash);
        var verify = await Anonymous().PostAsJsonAsync("/api/password-reset/verify/", new { email, otp });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
    }

    [Fact]
    public async Task A_code_stored_before_hashes_were_keyed_still_verifies_until_it_expires()
    {
        var (email, _) = await RequestPasswordReset004("legacycode");
        var store = Factory.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession("1"))
        {
            var record = await session.LoadAsync<OneTimeCode>(OneTimeCodes.OtpId(CodePurpose.PasswordReset, 1, email));
            record!.CodeHash = Sha256Hex("424242");
            record.Keyed = false;
            session.Store(record);
            await session.SaveChangesAsync();
        }

        var verify = await Anonymous().PostAsJsonAsync("/api/password-reset/verify/", new { email, otp = "424242" });

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
    }
}
