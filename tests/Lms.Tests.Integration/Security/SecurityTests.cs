using Lms.Tests.Integration.Infrastructure;

namespace Lms.Tests.Integration.Security;

/// <summary>
/// The permanent security test class: each finding of an attacker's probe is reproduced here as the attack and must
/// fail as an attack. One partial file per concern (dashboard, job arguments, account rules, throttle, lists,
/// headers); later issues add theirs.
/// </summary>
public sealed partial class SecurityTests(LmsApiFactory factory) : ApiTest(factory);
