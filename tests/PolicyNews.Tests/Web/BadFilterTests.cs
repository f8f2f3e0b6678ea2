using System.Net;

namespace PolicyNews.Tests.Web;

/// <summary>
/// A filter value the pages cannot mean is a 400 that says which and why, on the page itself (the
/// API's problems are in MethodsTests); a page past the last is a 404. Never a 500.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class BadFilterTests(PortalFixture portal)
{
    [Theory]
    [InlineData("/articles?type=opinion", "type 'opinion' is not one of news, commentary")]
    [InlineData("/articles?kind=people", "kind 'people' is not one of topic")]
    [InlineData("/articles?from=2025-02-30", "from '2025-02-30' is not an ISO date")]
    [InlineData("/articles?to=25-03", "to '25-03' is not an ISO date")]
    [InlineData("/articles?from=2025-05&to=2025-04", "from '2025-05' is after to '2025-04'")]
    [InlineData("/articles?type=news&type=speech", "type is given 2 times")]
    [InlineData("/articles?page=-1", "page must be a whole number from 1")]
    [InlineData("/search?q=a&type=opinion", "type 'opinion' is not one of")]
    [InlineData("/search?q=a&from=yesterday", "from 'yesterday' is not an ISO date")]
    // No name or slug holds a control character; PostgreSQL cannot even compare text holding U+0000 (it answered 500).
    [InlineData("/articles?source=%E4%BA%BA%00", "source holds a control character")]
    [InlineData("/articles?tag=hangzhou%01", "tag holds a control character")]
    [InlineData("/search?q=%E5%89%B5%E6%96%B0&article=a%00", "article holds a control character")]
    [InlineData("/search?q=%E5%89%B5%E6%96%B0&tag=%00", "tag holds a control character")]
    public async Task APageWithAFilterItCannotReadAnswers400SayingWhy(string url, string reason)
    {
        var page = await portal.Page(url, expectedStatus: 400);
        Assert.Contains(reason, page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Theory]
    [InlineData("/api/articles?source=%E4%BA%BA%00", "source holds a control character")]
    [InlineData("/api/search?q=%E5%89%B5%E6%96%B0&article=a%00", "article holds a control character")]
    [InlineData("/api/search?q=%E5%89%B5%E6%96%B0&source=%00", "source holds a control character")]
    [InlineData("/api/search.csv?q=%E5%89%B5%E6%96%B0&article=a%00", "article holds a control character")]
    public async Task TheApiRefusesAFilterHoldingAControlCharacterSayingWhy(string url, string reason)
    {
        using var response = await portal.Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/articles?page=2")]                       // two seed articles: one page
    [InlineData("/tags/us-china-tech-rivalry?page=5")]
    public async Task APagePastTheLastIsNotFound(string url) => await portal.Page(url, expectedStatus: 404);

    [Theory]
    [InlineData("/articles?from=2025-04&to=2025-04", 1)]
    [InlineData("/articles?from=2025-03", 2)]
    [InlineData("/articles?to=2025-03", 1)]
    [InlineData("/articles?type=commentary&source=人民論壇", 1)]
    [InlineData("/articles?type=speech", 0)]
    public async Task TheSeedsTypesAndDatesFilterAsArticlesJsonSays(string url, int articles)
    {
        var page = await portal.Page(url);
        Assert.Equal(articles, page.QuerySelectorAll(".article-card").Length);
    }

    [Fact]
    public async Task TheHomePageLinksToTheWholeArchive()
    {
        var home = await portal.Page("/");
        Assert.Equal("/articles", home.QuerySelector("a.see-all")!.GetAttribute("href"));
        Assert.Null(home.Head!.QuerySelector("link[rel=next]"));   // two articles: one page
        Assert.Equal(HttpStatusCode.OK, (await portal.Client().GetAsync("/articles")).StatusCode);
    }
}
