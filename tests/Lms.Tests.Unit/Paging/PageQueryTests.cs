using Lms.Features.Common.Errors;
using Lms.Features.Common.Paging;

namespace Lms.Tests.Unit.Paging;

public class PageQueryTests
{
    [Fact]
    public void Without_parameters_the_first_page_has_the_default_size() =>
        Assert.Equal(new PageQuery(1, 20), PageQuery.Parse(null, null, defaultSize: 20, maxSize: 100));

    [Fact]
    public void Empty_parameters_count_as_absent() =>
        Assert.Equal(new PageQuery(1, 5), PageQuery.Parse("", "", defaultSize: 5, maxSize: 100));

    [Fact]
    public void Page_and_size_are_taken_as_sent() => Assert.Equal(new PageQuery(3, 50), PageQuery.Parse("3", "50", 20, 100));

    [Fact]
    public void A_size_above_the_maximum_is_clamped() => Assert.Equal(new PageQuery(1, 100), PageQuery.Parse("1", "500", 20, 100));

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData(" 2")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void An_invalid_page_fails_validation_on_page(string page)
    {
        var error = Assert.Throws<ValidationFailed>(() => PageQuery.Parse(page, null, 20, 100));

        Assert.Equal(["A valid positive integer is required."], Assert.Single(error.Fields, f => f.Key == "page").Value);
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("-10")]
    public void An_invalid_page_size_fails_validation_on_page_size(string size)
    {
        var error = Assert.Throws<ValidationFailed>(() => PageQuery.Parse(null, size, 20, 100));

        Assert.Equal("page_size", Assert.Single(error.Fields).Key);
    }

    [Fact]
    public void Skip_counts_the_rows_of_the_earlier_pages() => Assert.Equal(40, new PageQuery(3, 20).Skip);

    [Fact]
    public void A_page_whose_offset_overflows_is_refused_with_a_page_error()
    {
        var error = Assert.Throws<ValidationFailed>(() =>
            PageQuery.Parse(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "100", 20, 100));

        Assert.Equal("page", Assert.Single(error.Fields).Key);
    }

    [Fact]
    public void The_largest_page_that_fits_has_a_non_negative_skip()
    {
        var page = PageQuery.Parse((int.MaxValue / 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "100", 20, 100);

        Assert.True(page.Skip >= 0);
    }
}
