using Lms.Features.Common.Security;
using Lms.Features.Identity.Clients;
using Lms.Features.Identity.Codes;

namespace Lms.Features.Identity.EmailVerification;

/// <summary>
/// 001 <c>POST /accounts/clients/{client_id}/user/verify-email/</c>: the e-mailed OTP turns the pending sign-up into a
/// verified student account of that client. Each wrong code counts; after five the code is locked (even the right one is
/// refused) until a new one is requested. Two verifications racing for one e-mail create one account: the unique index
/// decides and the loser gets the same 400 as the pre-check.
/// </summary>
public static class VerifyEmail001
{
    public sealed record Body(string? Email, string? Otp);

    public sealed record Command(long ClientId, string? Email, string? Otp) : IRequest<DetailResponse>, IReportsUniqueViolations
    {
        public ValidationFailed? UniqueViolation(string? constraint) => constraint switch
        {
            UsersSchema.EmailIndex => ValidationFailed.For("email", AccountRules001.EmailTaken),
            UsersSchema.PhoneIndex => ValidationFailed.For("phone", AccountRules001.PhoneTaken),
            // The username was derived from the e-mail and another sign-up took it at the same moment: the code was not
            // used up (the transaction rolled back), so sending it again succeeds with the next free username.
            UsersSchema.UsernameIndex => new ValidationFailed(new Dictionary<string, string[]>(), RetryMessage),
            _ => null,
        };
    }

    public const string Created = "Account verified and created successfully";
    public const string InvalidOtp = "Invalid OTP.";
    public const string ExpiredOtp = "OTP has expired. Please request a new one.";
    public const string LockedOtp = "Too many attempts. Please request a new OTP.";
    public const string NoPendingSignup = "No pending sign-up for this email. Please sign up first.";
    public const string AlreadyVerified = "This email is already verified. Please log in.";
    public const string RetryMessage = "The account could not be created just now. Please submit the same OTP again.";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Email).Email();
            RuleFor(x => x.Otp).Required().MaxChars(10);
        }
    }

    public sealed class Handler(IDocumentSession session, OneTimeCodes codes, AttemptThrottle throttle, TimeProvider clock)
        : IRequestHandler<Command, DetailResponse>
    {
        public async Task<DetailResponse> Handle(Command c, CancellationToken ct)
        {
            throttle.Hit("otp", c.Email);
            var email = c.Email!.Trim();
            var pending = await session.LoadAsync<OneTimeCode>(OneTimeCodes.OtpId(CodePurpose.Signup, c.ClientId, email), ct);
            if (pending is not { UsedAt: null, Signup: not null })
            {
                throw ValidationFailed.For("email",
                    await Usernames.ByEmailAsync(session, email, ct) is null ? NoPendingSignup : AlreadyVerified);
            }

            var (result, code) = await codes.CheckOtpAsync(session, CodePurpose.Signup, c.ClientId, email, c.Otp!.Trim(), consume: true, ct);
            switch (result)
            {
                case CodeCheck.Expired: throw ValidationFailed.For("otp", ExpiredOtp);
                case CodeCheck.Locked: throw ValidationFailed.For("otp", LockedOtp);
                case CodeCheck.Invalid: throw ValidationFailed.For("otp", InvalidOtp);
            }
            var signup = code!.Signup!;
            code.Signup = null; // the password hash is not kept beside a used code
            session.Store(code);

            var taken = await Usernames.TakenAsync(session, null, email, signup.Phone, ct);
            if (taken.Contains("email")) throw ValidationFailed.For("email", AccountRules001.EmailTaken);
            if (taken.Contains("phone")) throw ValidationFailed.For("phone", AccountRules001.PhoneTaken);

            // The username is the e-mail's local part in lower case (its case is how the address was typed, not a name).
            var username = await Usernames.FreeFromEmailAsync(session, email.ToLowerInvariant(), ct);
            var user = User.Create(username, email, signup.FirstName, signup.LastName, Role.Student, clock.GetUtcNow());
            user.PasswordHash = signup.PasswordHash;
            user.SetPhone(signup.Phone);
            user.EmailVerified = true;
            user.RegisteredVia = "001";
            session.Insert(user);
            return new DetailResponse(Created);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/accounts/clients/{client_id:long}/user/verify-email/", async (long client_id, Body b, IMediator m, CancellationToken ct) =>
                    TypedResults.Created((string?)null, await m.Send(new Command(client_id, b.Email, b.Otp), ct)))
                .WithName("001.VerifyEmail").WithTags("001 Accounts")
                .ForDocuments(ApiDocument.Doc001, 400, 404)
                .RequireActiveClient()
                .AllowAnonymous();
    }
}
