using PolicyNews.Web.Display;

namespace PolicyNews.Tests.Web;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2025", 2025, null, null)]
    [InlineData("2025-03", 2025, 3, null)]
    [InlineData("2025-03-10", 2025, 3, 10)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("2025-02-29", 2025, 2, null)]   // no such day: the month is still known
    [InlineData("2025-03-xx", 2025, 3, null)]
    [InlineData("2025-13", 2025, null, null)]   // no such month: only the year is known
    [InlineData("2025-00-10", 2025, null, null)]
    public void KeepsAsMuchOfTheDateAsIsValid(string iso, int year, int? month, int? day) =>
        Assert.Equal(new PartialDate(year, month, day), PartialDate.Parse(iso));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("去年")]
    [InlineData("25")]
    [InlineData("20250")]
    [InlineData("0000")]
    [InlineData("2025-03-10-01")]
    public void TextThatIsNotADateHasNone(string? iso) =>
        Assert.Null(PartialDate.Parse(iso));

    [Theory]
    [InlineData("2025", "2025年", "2025", "2025-01-01T00:00:00Z")]
    [InlineData("2025-03", "2025年3月", "2025, March", "2025-03-01T00:00:00Z")]
    [InlineData("2025-03-10", "2025年3月10日", "2025, March 10", "2025-03-10T00:00:00Z")]
    [InlineData("去年", "去年", "n.d.", "1970-01-01T00:00:00Z")]
    public void EachConsumerWritesThePrecisionItHas(string iso, string display, string apa, string timestamp)
    {
        Assert.Equal(display, Dates.Display(iso));
        Assert.Equal(apa, Dates.Apa(iso));
        Assert.Equal(DateTimeOffset.Parse(timestamp), Dates.ToTimestamp(iso));
    }
}
