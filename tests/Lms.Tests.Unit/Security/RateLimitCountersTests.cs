using Lms.Features.Common.Security;
using Lms.Features.Common.Surfaces;
using Microsoft.Extensions.Configuration;

namespace Lms.Tests.Unit.Security;

public class RateLimitCountersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static RateLimitCounters Counters(params (string Document, int PerIp, int PerUser)[] limits)
    {
        var settings = new RateLimitSettings { Documents = new(StringComparer.Ordinal) };
        foreach (var (document, perIp, perUser) in limits)
            settings.Documents[document] = new DocumentRateLimit { PerIpPerHour = perIp, PerUserPerMinute = perUser };
        return new RateLimitCounters(settings.Validated());
    }

    [Fact]
    public void Defaults_are_000s_and_003s_words_and_a_per_user_budget_under_a_high_ip_ceiling_for_the_others()
    {
        var settings = new RateLimitSettings();

        Assert.Equal(1000, settings.For(ApiDocument.Doc000).PerIpPerHour);
        Assert.Equal(0, settings.For(ApiDocument.Doc000).PerUserPerMinute);
        Assert.Equal(1000, settings.For(ApiDocument.Doc003).PerIpPerHour);
        Assert.Equal(100, settings.For(ApiDocument.Doc003).PerUserPerMinute);
        Assert.All(new[] { ApiDocument.Doc001, ApiDocument.Doc002, ApiDocument.Doc004 }, d =>
        {
            Assert.Equal(300, settings.For(d).PerUserPerMinute);
            Assert.Equal(150_000, settings.For(d).PerIpPerHour);
        });
    }

    [Fact]
    public void A_configured_key_changes_that_value_and_keeps_the_other_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lms:RateLimits:Documents:003:PerUserPerMinute"] = "7",
            ["Lms:RateLimits:Documents:002:PerIpPerHour"] = "0",
        }).Build();

        var settings = config.GetSection("Lms:RateLimits").Get<RateLimitSettings>()!.Validated();

        Assert.Equal(7, settings.For(ApiDocument.Doc003).PerUserPerMinute);
        Assert.Equal(1000, settings.For(ApiDocument.Doc003).PerIpPerHour);
        Assert.Equal(0, settings.For(ApiDocument.Doc002).PerIpPerHour);
        Assert.Equal(300, settings.For(ApiDocument.Doc002).PerUserPerMinute);
        Assert.Equal(1000, settings.For(ApiDocument.Doc000).PerIpPerHour);
    }

    [Theory]
    [InlineData("03", "1")]
    [InlineData("005", "1")]
    [InlineData("003", "-1")]
    public void A_mistyped_document_or_a_negative_limit_is_refused_at_start_up(string document, string value)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Lms:RateLimits:Documents:{document}:PerIpPerHour"] = value,
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => config.GetSection("Lms:RateLimits").Get<RateLimitSettings>()!.Validated());
        Assert.Contains(document, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_counts_per_ip_for_everyone_when_it_has_no_per_user_window()
    {
        var counters = Counters(("000", 2, 0));

        var first = counters.Hit(ApiDocument.Doc000, "10.0.0.1", 1, Now);
        var second = counters.Hit(ApiDocument.Doc000, "10.0.0.1", 2, Now);
        var refused = counters.Hit(ApiDocument.Doc000, "10.0.0.1", 3, Now.AddMinutes(30));

        Assert.Equal(new RateLimitWindow(2, 1, Now.AddHours(1)), first.Reported);
        Assert.True(second.Allowed);
        Assert.False(refused.Allowed);
        Assert.Equal(1800, refused.RetryAfterSeconds);
        Assert.Equal(new RateLimitWindow(2, 0, Now.AddHours(1)), refused.Reported);
        Assert.True(counters.Hit(ApiDocument.Doc000, "10.0.0.2", 1, Now).Allowed); // another address, its own hour
        Assert.True(counters.Hit(ApiDocument.Doc000, "10.0.0.1", 1, Now.AddHours(1)).Allowed); // a new window
    }

    [Fact]
    public void Documents_have_separate_buckets()
    {
        var counters = Counters(("000", 1, 0), ("003", 1, 0));

        Assert.True(counters.Hit(ApiDocument.Doc003, "10.0.0.1", null, Now).Allowed);
        Assert.False(counters.Hit(ApiDocument.Doc003, "10.0.0.1", null, Now).Allowed);

        Assert.True(counters.Hit(ApiDocument.Doc000, "10.0.0.1", null, Now).Allowed);
    }

    [Fact]
    public void A_refused_request_is_counted_nowhere_so_a_user_past_its_minute_does_not_drain_the_shared_ceiling()
    {
        var counters = Counters(("002", 3, 1));

        Assert.True(counters.Hit(ApiDocument.Doc002, "10.0.0.1", 1, Now).Allowed);
        for (var i = 0; i < 5; i++) Assert.False(counters.Hit(ApiDocument.Doc002, "10.0.0.1", 1, Now).Allowed);
        var second = counters.Hit(ApiDocument.Doc002, "10.0.0.1", 2, Now);
        var third = counters.Hit(ApiDocument.Doc002, "10.0.0.1", 3, Now);
        var fourth = counters.Hit(ApiDocument.Doc002, "10.0.0.1", 4, Now);

        Assert.True(second.Allowed);
        Assert.Equal(new RateLimitWindow(1, 0, Now.AddMinutes(1)), second.Reported); // the tightest window binds
        Assert.True(third.Allowed);
        Assert.Equal(0, third.Reported!.Value.Remaining);
        Assert.False(fourth.Allowed);
        Assert.Equal(new RateLimitWindow(3, 0, Now.AddHours(1)), fourth.Reported); // the ceiling, not 4's own minute
        Assert.Equal(3600, fourth.RetryAfterSeconds);
    }

    [Fact]
    public void An_anonymous_caller_meets_only_the_ip_window()
    {
        var counters = Counters(("004", 2, 1));

        var first = counters.Hit(ApiDocument.Doc004, "10.0.0.1", null, Now);
        var second = counters.Hit(ApiDocument.Doc004, "10.0.0.1", null, Now);

        Assert.Equal(new RateLimitWindow(2, 1, Now.AddHours(1)), first.Reported);
        Assert.True(second.Allowed);
        Assert.False(counters.Hit(ApiDocument.Doc004, "10.0.0.1", null, Now).Allowed);
    }

    [Fact]
    public void A_route_of_two_documents_passes_while_either_admits_and_is_counted_in_each_that_admitted()
    {
        var counters = Counters(("002", 100, 1), ("003", 100, 2));
        const ApiDocument shared = ApiDocument.Doc002 | ApiDocument.Doc003;

        var first = counters.Hit(shared, "10.0.0.1", 7, Now);   // both admit, both count
        var second = counters.Hit(shared, "10.0.0.1", 7, Now);  // 002's minute is spent; 003 admits
        var third = counters.Hit(shared, "10.0.0.1", 7, Now.AddSeconds(15));

        Assert.Equal(new RateLimitWindow(2, 1, Now.AddMinutes(1)), first.Reported); // the looser document's binding window
        Assert.True(second.Allowed);
        Assert.Equal(new RateLimitWindow(2, 0, Now.AddMinutes(1)), second.Reported);
        Assert.False(third.Allowed);
        Assert.Equal(45, third.RetryAfterSeconds);
        Assert.False(counters.Hit(ApiDocument.Doc002, "10.0.0.1", 7, Now).Allowed); // the shared route spent 002's minute
        Assert.True(counters.Hit(ApiDocument.Doc002, "10.0.0.1", 8, Now).Allowed);
    }

    [Fact]
    public void When_every_document_refuses_the_one_that_frees_first_is_reported()
    {
        var counters = Counters(("000", 1, 0), ("002", 100, 1));
        const ApiDocument shared = ApiDocument.Doc000 | ApiDocument.Doc002;
        Assert.True(counters.Hit(shared, "10.0.0.1", 7, Now).Allowed);

        var refused = counters.Hit(shared, "10.0.0.1", 7, Now.AddSeconds(10));

        Assert.False(refused.Allowed);
        Assert.Equal(50, refused.RetryAfterSeconds); // 002's minute ends before 000's hour
        Assert.Equal(new RateLimitWindow(1, 0, Now.AddMinutes(1)), refused.Reported);
    }

    [Fact]
    public void A_document_with_every_window_off_is_unlimited_and_reports_no_headers()
    {
        var counters = Counters(("001", 0, 0), ("002", 1, 1));

        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(new RateLimitDecision(true, null, 0), counters.Hit(ApiDocument.Doc001, "10.0.0.1", 1, Now)));
        Assert.True(counters.Hit(ApiDocument.Doc001 | ApiDocument.Doc002, "10.0.0.1", 1, Now).Allowed);
        Assert.True(counters.Hit(ApiDocument.Doc001 | ApiDocument.Doc002, "10.0.0.1", 1, Now).Allowed);
    }

    [Fact]
    public void Expired_windows_are_swept_so_the_partitions_stay_bounded()
    {
        var counters = Counters(("003", 1000, 1000));
        for (var i = 0; i < 1000; i++) counters.Hit(ApiDocument.Doc003, $"10.0.{i / 256}.{i % 256}", i, Now);
        Assert.Equal(2000, counters.LiveWindows);

        for (var i = 0; i < 24; i++) counters.Hit(ApiDocument.Doc003, "10.9.9.9", null, Now.AddHours(2)); // the 1024th request sweeps

        Assert.Equal(1, counters.LiveWindows);
    }
}
