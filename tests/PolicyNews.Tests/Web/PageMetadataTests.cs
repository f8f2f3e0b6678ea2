using System.Text.Json;
using AngleSharp.Dom;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// What every page says about itself to machines: a description, its 繁/简 alternates; and on
/// article and section pages what Google Scholar, Zotero and link previews read — citation_*,
/// article:*, schema.org NewsArticle — agreeing with what the page shows.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PageMetadataTests(PortalFixture portal)
{
    const string Report = SeedArchive.Replicated;
    const string Essay = SeedArchive.Lessons;

    [Theory]
    [InlineData("/", 200)]
    [InlineData($"/articles/{Report}", 200)]
    [InlineData($"/articles/{Report}/lead", 200)]
    [InlineData("/tags", 200)]
    [InlineData("/tags/artificial-intelligence", 200)]
    [InlineData("/search", 200)]
    [InlineData("/search?q=創新&sort=date", 200)]
    [InlineData("/about", 200)]
    [InlineData("/help", 200)]
    [InlineData("/no-such-page", 404)]
    public async Task EveryPageDescribesItselfAndNamesItsViewInEachScript(string url, int status)
    {
        var page = await portal.Page(url, status);

        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")?.GetAttribute("content")), $"no description on {url}");
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!));
        Assert.Equal(["zh-Hant", "zh-Hans", "x-default"], alternates.Keys);
        Assert.Equal("script=hant", alternates["zh-Hant"].Query.TrimStart('?').Split('&').Last());
        Assert.Equal("script=hans", alternates["zh-Hans"].Query.TrimStart('?').Split('&').Last());
        Assert.DoesNotContain("script=", alternates["x-default"].Query);

        // Each alternate is the page in that script (a fresh visitor: no cookie decides).
        var simplified = await portal.Page(alternates["zh-Hans"].PathAndQuery, status);
        Assert.Equal("zh-Hans", simplified.DocumentElement.GetAttribute("lang"));
        var traditional = await portal.Page(alternates["zh-Hant"].PathAndQuery, status);
        Assert.Equal("zh-Hant", traditional.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData($"/articles/{Report}", "")]
    [InlineData($"/articles/{Report}", "?script=hans")]
    [InlineData($"/articles/{Essay}", "")]
    public async Task AnArticlePageCitesItselfForScholarZoteroAndLinkPreviews(string url, string query)
    {
        var page = await portal.Page(url + query);
        var shown = page.QuerySelector(".article-meta")!;
        string? Shown(string label) => shown.QuerySelectorAll("div").FirstOrDefault(d => d.QuerySelector("dt")!.TextContent is var t && (t == label || t == Simplified(label)))?.QuerySelector("dd")!.TextContent;
        var title = page.QuerySelector("h1")!.TextContent;

        Assert.Equal(title, Meta(page, "citation_title"));
        Assert.Equal(Shown("作者"), Meta(page, "citation_author"));
        Assert.Equal(Shown("來源"), Meta(page, "citation_journal_title"));
        var published = page.QuerySelector(".article-meta time")!.GetAttribute("datetime")!;
        Assert.Equal(published.Replace('-', '/'), Meta(page, "citation_publication_date"));
        Assert.Equal(published, Property(page, "article:published_time"));
        Assert.Equal(page.DocumentElement.GetAttribute("lang"), Meta(page, "citation_language"));
        Assert.Equal(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), Meta(page, "citation_public_url"));
        Assert.Equal(page.QuerySelectorAll("header .tag-chip").Select(c => c.TextContent.Trim()).Order(),
            page.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")!).Order());

        var ld = JsonLd(page);
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
        Assert.Equal(title, ld.GetProperty("headline").GetString());
        Assert.Equal(Meta(page, "citation_public_url"), ld.GetProperty("url").GetString());
        Assert.Equal(published, ld.GetProperty("datePublished").GetString());
        Assert.Equal(Shown("作者"), ld.TryGetProperty("author", out var author) ? author.GetProperty("name").GetString() : null);
    }

    [Fact]
    public async Task ASectionPageCitesItsPermalinkAndIsPartOfItsArticle()
    {
        var article = await portal.Page($"/articles/{Report}");
        var sectionUrl = article.QuerySelectorAll("a.section-page-link")[2].GetAttribute("href")!;
        var page = await portal.Page(sectionUrl);
        var heading = page.QuerySelector("h1")!.ChildNodes.OfType<IText>().First().Text.Trim();
        var permalink = page.QuerySelector("a.permalink")!.GetAttribute("data-copy");

        Assert.Equal($"{article.QuerySelector("h1")!.TextContent}：{heading}", Meta(page, "citation_title"));
        Assert.Equal(permalink, Meta(page, "citation_public_url"));
        var ld = JsonLd(page);
        Assert.Equal(permalink, ld.GetProperty("url").GetString());
        Assert.Equal(article.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), ld.GetProperty("isPartOf").GetProperty("url").GetString());
    }

    [Theory]
    [InlineData($"/articles/{Report}", "本文")]
    [InlineData($"/articles/{Report}/lead", "本節")]
    public async Task ArticleAndSectionPagesOfferThreeCitationStylesAndThreeFiles(string url, string what)
    {
        var page = await portal.Page(url);
        var block = page.QuerySelector("section.cite")!;

        Assert.Equal($"引用{what}", block.QuerySelector("h2")!.TextContent);
        Assert.Equal(["GB/T 7714", "APA", "Chicago"], block.QuerySelectorAll("dt").Select(d => d.TextContent));
        var permalink = Meta(page, "citation_public_url")!;
        Assert.All(block.QuerySelectorAll("p.citation"), p => Assert.Contains(permalink, p.TextContent));
        Assert.Contains("趙廣立", block.QuerySelector("#cite-chicago")!.TextContent);
        Assert.Equal(["BibTeX", "RIS", "CSL-JSON"], block.QuerySelectorAll(".cite-downloads a").Select(a => a.TextContent.Trim()));
    }

    static string? Meta(IDocument page, string name) => page.QuerySelector($"meta[name='{name}']")?.GetAttribute("content");
    static string? Property(IDocument page, string name) => page.QuerySelector($"meta[property='{name}']")?.GetAttribute("content");
    static string Simplified(string text) => PolicyNews.Archive.Chinese.ScriptConverter.ToSimplified(text);

    static JsonElement JsonLd(IDocument page) =>
        JsonDocument.Parse(page.QuerySelectorAll("script[type='application/ld+json']").Single().TextContent).RootElement;
}
