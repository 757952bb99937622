using Lms.Features.Common.Paging;
using Microsoft.AspNetCore.Http;

namespace Lms.Tests.Unit.Paging;

public class PageLinksTests
{
    private static HttpRequest Request(string query)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("api.example.com");
        http.Request.Path = "/api/courses/";
        http.Request.QueryString = new QueryString(query);
        return http.Request;
    }

    private static readonly string[] Rows = ["a", "b"];

    [Fact]
    public void A_middle_page_links_both_ways_and_keeps_the_other_parameters()
    {
        var envelope = PageLinks.Envelope(Request("?search=net&page=2&page_size=10"), new PageQuery(2, 10), 35, Rows);

        Assert.Equal("https://api.example.com/api/courses/?search=net&page_size=10&page=3", envelope.Next);
        Assert.Equal("https://api.example.com/api/courses/?search=net&page_size=10&page=1", envelope.Previous);
        Assert.Equal(35, envelope.Count);
        Assert.Same(Rows, envelope.Results);
    }

    [Fact]
    public void The_first_page_has_no_previous_link_and_adds_page_to_next()
    {
        var envelope = PageLinks.Envelope(Request("?level=beginner"), new PageQuery(1, 20), 21, Rows);

        Assert.Equal("https://api.example.com/api/courses/?level=beginner&page=2", envelope.Next);
        Assert.Null(envelope.Previous);
    }

    [Fact]
    public void The_last_page_has_no_next_link()
    {
        var envelope = PageLinks.Envelope(Request("?page=4&page_size=10"), new PageQuery(4, 10), 40, Rows);

        Assert.Null(envelope.Next);
        Assert.Equal("https://api.example.com/api/courses/?page_size=10&page=3", envelope.Previous);
    }

    [Fact]
    public void An_empty_list_has_count_zero_and_no_links()
    {
        var envelope = PageLinks.Envelope(Request(""), new PageQuery(1, 20), 0, Array.Empty<string>());

        Assert.Equal((0L, null, null), (envelope.Count, envelope.Next, envelope.Previous));
        Assert.Empty(envelope.Results);
    }

    [Fact]
    public void A_page_past_the_end_points_back_to_the_last_page()
    {
        var envelope = PageLinks.Envelope(Request("?page=9"), new PageQuery(9, 20), 45, Array.Empty<string>());

        Assert.Null(envelope.Next);
        Assert.Equal("https://api.example.com/api/courses/?page=3", envelope.Previous);
    }

    [Fact]
    public void Query_values_are_encoded_and_repeated_parameters_are_kept()
    {
        var envelope = PageLinks.Envelope(Request("?search=c%23%20basics&tag=a&tag=b"), new PageQuery(1, 20), 50, Rows);

        Assert.Equal("https://api.example.com/api/courses/?search=c%23%20basics&tag=a&tag=b&page=2", envelope.Next);
    }
}
