using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using PolicyNews.Archive.Import;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

[Collection(PortalCollection.Name)]
public sealed class PortalPagesTests(PortalFixture portal)
{
    const string Report = SeedArchive.Replicated;
    const string Essay = SeedArchive.Lessons;

    [Fact]
    public async Task HomeListsBothSeedArticlesNewestFirstWithTheirSections()
    {
        var home = await portal.Page("/");

        var cards = home.QuerySelectorAll(".article-card").ToList();
        Assert.Equal([$"/articles/{Essay}", $"/articles/{Report}"], cards.Select(c => c.QuerySelector("h2 a")!.GetAttribute("href")));
        Assert.Contains("DeepSeek創新競勝的經驗與啟示", cards[0].QuerySelector("h2")!.TextContent);
        Assert.Contains("中國科學報", cards[1].TextContent);
        Assert.Contains("趙廣立", cards[1].TextContent);
        foreach (var card in cards)
        {
            Assert.Equal(3, card.QuerySelectorAll(".card-sections a").Length);
            Assert.NotEmpty(card.QuerySelectorAll(".tag-chip"));
            Assert.False(string.IsNullOrWhiteSpace(card.QuerySelector(".lead")?.TextContent));
        }
    }

    [Theory]
    [InlineData(Report)]
    [InlineData(Essay)]
    public async Task EveryTableOfContentsLinkPointsToAnElementHoldingItsHeading(string slug)
    {
        var page = await portal.Page($"/articles/{slug}");

        var entries = page.QuerySelectorAll("nav.toc a").ToList();
        Assert.Equal(4, entries.Count);   // lead + three headed sections
        foreach (var entry in entries)
        {
            var href = entry.GetAttribute("href")!;
            Assert.StartsWith("#", href);
            var target = page.GetElementById(href[1..]);
            Assert.NotNull(target);
            Assert.Equal(entry.TextContent.Trim(), target.QuerySelector("h2")!.ChildNodes.OfType<IText>().First().Text.Trim());
        }
    }

    [Theory]
    [InlineData(Report)]
    [InlineData(Essay)]
    public async Task EverySectionUrlAnswersWithItsHeadingAndPreviousAndNextLinks(string slug)
    {
        var article = await portal.Page($"/articles/{slug}");
        var sectionUrls = article.QuerySelectorAll("a.section-page-link").Select(a => a.GetAttribute("href")!).ToList();
        var headings = article.QuerySelectorAll("nav.toc a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(4, sectionUrls.Count);

        for (var i = 0; i < sectionUrls.Count; i++)
        {
            var page = await portal.Page(sectionUrls[i]);
            Assert.Equal(headings[i], page.QuerySelector("h1")!.ChildNodes.OfType<IText>().First().Text.Trim());
            Assert.Equal(i > 0 ? sectionUrls[i - 1] : null, page.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
            Assert.Equal(i < sectionUrls.Count - 1 ? sectionUrls[i + 1] : null, page.QuerySelector("a[rel=next]")?.GetAttribute("href"));
            // Breadcrumb back to the article, and a link to the same place in the full article.
            Assert.Contains(page.QuerySelectorAll(".breadcrumb a"), a => a.GetAttribute("href") == $"/articles/{slug}");
            Assert.StartsWith($"/articles/{slug}#", page.QuerySelector(".in-article a")!.GetAttribute("href"));
            Assert.NotEmpty(page.QuerySelectorAll(".section-page p[id^=p]"));
        }
    }

    [Fact]
    public async Task APermalinkRedirectsToItsSectionPageKeepingTheQuery()
    {
        var article = await portal.Page($"/articles/{Essay}");
        var permalink = article.QuerySelectorAll("a.permalink").Last().GetAttribute("href")!;
        var sectionPage = article.QuerySelectorAll("a.section-page-link").Last().GetAttribute("href")!;
        Assert.Matches("^/s/[a-z0-9]+$", permalink);

        using var response = await portal.Client().GetAsync(permalink + "?script=hans");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(sectionPage + "?script=hans", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TagPagesListExactlyTheSectionsThatMentionTheTag()
    {
        var index = await portal.Page("/tags");
        var groups = index.QuerySelectorAll(".tag-group h2").Select(h => h.TextContent).ToList();
        Assert.Equal(["主題", "人物", "機構", "地點"], groups.Where(g => g is "主題" or "人物" or "機構" or "地點"));

        var hangzhou = index.QuerySelectorAll(".tag-list li").Single(li => li.QuerySelector("a")!.TextContent == "杭州");
        var count = int.Parse(hangzhou.QuerySelector(".count")!.TextContent);
        var tagPage = await portal.Page(hangzhou.QuerySelector("a")!.GetAttribute("href")!);

        var listed = tagPage.QuerySelectorAll(".tagged-section h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(count, listed.Count);
        Assert.True(count > 0);

        // Every listed section mentions 杭州, and every section that does is listed, except where 杭州
        // is only part of another tag's longer term (中國科學院杭州醫學研究所, 杭州醫學所).
        var longerTerms = TagTaxonomy.Load(Path.Combine(Repository.Seeds, TagTaxonomy.FileName))
            .Where(t => t.Slug != "hangzhou").SelectMany(t => t.Terms).Where(term => term.Contains("杭州"))
            .OrderByDescending(term => term.Length).ToList();
        Assert.NotEmpty(longerTerms);
        var allSections = new List<string>();
        foreach (var slug in new[] { Report, Essay })
            allSections.AddRange((await portal.Page($"/articles/{slug}")).QuerySelectorAll("a.section-page-link").Select(a => a.GetAttribute("href")!));
        foreach (var url in allSections)
        {
            var section = await portal.Page(url);
            var text = string.Concat(section.QuerySelectorAll(".section-page h1, .section-page [id^=p]").Select(e => e.TextContent));
            var bare = longerTerms.Aggregate(text, (rest, term) => rest.Replace(term, " "));
            Assert.Equal(bare.Contains("杭州"), listed.Contains(url));
            if (listed.Contains(url))
                Assert.Contains(section.QuerySelectorAll(".tag-chip"), a => a.TextContent == "杭州");
        }
    }

    [Fact]
    public async Task TheSimplifiedSwitchConvertsTextSetsLangAndIsRemembered()
    {
        var client = portal.Client();
        var hans = await portal.Page(client, $"/articles/{Report}?script=hans");

        Assert.Equal("zh-Hans", hans.DocumentElement.GetAttribute("lang"));
        var text = hans.QuerySelector("article")!.TextContent;
        Assert.Contains("创新", text);
        Assert.DoesNotContain("創新", text);

        // The next page, without the parameter, stays Simplified: the choice is in a cookie.
        var next = await portal.Page(client, "/tags");
        Assert.Equal("zh-Hans", next.DocumentElement.GetAttribute("lang"));
        Assert.Contains("关于", next.QuerySelector(".site-nav")!.TextContent);   // interface text converts too

        var back = await portal.Page(client, $"/articles/{Report}?script=hant");
        Assert.Equal("zh-Hant", back.DocumentElement.GetAttribute("lang"));
        Assert.Contains("創新", back.QuerySelector("article")!.TextContent);
    }

    [Fact]
    public async Task ThePinyinSwitchRendersTheSourceAnnotationsAsRuby()
    {
        var plain = await portal.Page($"/articles/{Report}");
        Assert.Empty(plain.QuerySelectorAll("ruby"));

        var page = await portal.Page($"/articles/{Report}?pinyin=on");
        var rubies = page.QuerySelectorAll("article ruby").ToList();
        Assert.True(rubies.Count > 300, $"{rubies.Count} ruby elements");
        Assert.Contains(rubies, r => r.ChildNodes.OfType<IText>().First().Text == "說" && r.QuerySelector("rt")!.TextContent == "shuō");
        // Ruby is markup around the text, not a change to it: the paragraph still reads the same without <rt>/<rp>.
        foreach (var rt in page.QuerySelectorAll("rt, rp").ToList())
            rt.Remove();
        Assert.Equal(plain.QuerySelector("article .article-section p")!.TextContent, page.QuerySelector("article .article-section p")!.TextContent);
    }

    [Fact]
    public async Task HeadingsShowTheirOwnPinyinWhenTheSwitchIsOn()
    {
        var page = await portal.Page($"/articles/{Essay}?pinyin=on");

        var headingRubies = page.QuerySelectorAll(".article-section h2 ruby").ToList();
        Assert.Equal(9, headingRubies.Count);
        var toc = page.QuerySelectorAll("nav.toc a").Select(a => a.TextContent).ToList();
        foreach (var h2 in page.QuerySelectorAll(".article-section h2").ToList())
        {
            foreach (var rt in h2.QuerySelectorAll("rt, rp, .heading-tools").ToList())
                rt.Remove();
            Assert.Contains(h2.TextContent.Trim(), toc);   // the heading still reads as its plain text
        }
    }

    [Fact]
    public async Task RepairedTextIsMarkedWithWhatTheSourceHeld()
    {
        var page = await portal.Page($"/articles/{Essay}");

        var repairs = page.QuerySelectorAll("span.repair").ToList();
        Assert.NotEmpty(repairs);
        Assert.All(repairs, r => Assert.Contains("原文：", r.GetAttribute("title")));
        Assert.Contains(repairs, r => r.ClassList.Contains("repair-partial"));
        Assert.Contains(page.QuerySelectorAll(".repair-notes li"), li => li.TextContent.Contains("麻省理工科技評"));
    }

    [Fact]
    public async Task HighlightTermsFromSearchAreMarkedInEitherScript()
    {
        var page = await portal.Page($"/articles/{Report}?hl=%E5%88%9B%E6%96%B0");   // 创新 typed in Simplified

        // A match that crosses a repaired span is marked in two pieces; together they spell the word.
        var marked = string.Concat(page.QuerySelectorAll("article mark").Select(m => m.TextContent));
        Assert.NotEmpty(marked);
        Assert.Equal(string.Concat(Enumerable.Repeat("創新", marked.Length / 2)), marked);
    }

    [Fact]
    public async Task SectionPagesOfferCitationsWithThePermalink()
    {
        var article = await portal.Page($"/articles/{Report}");
        var permalink = article.QuerySelectorAll("a.permalink").ElementAt(1).GetAttribute("href")!;
        var section = await portal.Page(article.QuerySelectorAll("a.section-page-link").ElementAt(1).GetAttribute("href")!);

        var gb = section.GetElementById("cite-gbt")!.TextContent;
        var apa = section.GetElementById("cite-apa")!.TextContent;
        Assert.StartsWith("趙廣立. ", gb);
        Assert.Contains("[N/OL]. 中國科學報, 2025-03[", gb);
        Assert.EndsWith(permalink, gb);
        Assert.Contains("(2025, March)", apa);
        Assert.EndsWith(permalink, apa);
    }

    [Fact]
    public async Task TheAtomFeedAndSitemapParseAsXmlAndListEveryArticle()
    {
        var client = portal.Client();
        var feed = XDocument.Parse(await client.GetStringAsync("/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.Element(atom + "id")!.Value.EndsWith($"/articles/{Report}"));
        Assert.Contains(entries, e => e.Element(atom + "id")!.Value.EndsWith($"/articles/{Essay}"));

        // The sitemap is an index of files (one, for two articles).
        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var file = Assert.Single(index.Descendants(sm + "loc")).Value;
        var locations = XDocument.Parse(await client.GetStringAsync(new Uri(file).AbsolutePath))
            .Descendants(sm + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToList();
        Assert.Contains($"/articles/{Report}", locations);
        Assert.Contains($"/articles/{Essay}", locations);
        Assert.Equal(8, locations.Count(l => l.Count(c => c == '/') == 3 && l.StartsWith("/articles/")));   // every section page

        var robots = await client.GetStringAsync("/robots.txt");
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task PagesCarryCanonicalAndOpenGraphMetadata()
    {
        var page = await portal.Page($"/articles/{Report}");
        Assert.Equal($"http://localhost/articles/{Report}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.Contains("DeepSeek式創新", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData($"/articles/{Report}/no-such-section")]
    [InlineData("/tags/no-such-tag")]
    [InlineData("/s/nosuchid")]
    [InlineData("/no/such/page")]
    [InlineData("/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task UnknownAddressesGetTheFriendly404Page(string url)
    {
        var page = await portal.Page(url, expectedStatus: 404);

        Assert.Equal("找不到這一頁", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[role=search]"));
        Assert.DoesNotContain("<script>alert", page.DocumentElement.OuterHtml);
    }

    /// <summary>An address with odd values, and the same address without them.</summary>
    [Theory]
    [InlineData("/?script=%3Cscript%3E&pinyin=%00", "/")]
    [InlineData($"/articles/{Report}?hl=%22%22%22%2A&script=hans&pinyin=maybe", $"/articles/{Report}?script=hans")]
    [InlineData($"/articles/{Report}?hl=%3Cmark%3E", $"/articles/{Report}")]
    public async Task OddQueryValuesAreIgnoredNotFatal(string url, string withoutOddValues)
    {
        var page = await portal.Page(url);   // answers 200
        var plain = await portal.Page(withoutOddValues);

        // The same script and the same content, no pinyin, nothing highlighted. (The header's switch
        // links differ: they keep the address's query.)
        Assert.Equal(plain.DocumentElement.GetAttribute("lang"), page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(plain.DocumentElement.ClassName, page.DocumentElement.ClassName);
        Assert.Equal(plain.QuerySelector("main")!.OuterHtml, page.QuerySelector("main")!.OuterHtml);
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStylesAndSendAStrictPolicy()
    {
        var client = portal.Client();
        foreach (var url in new[] { "/", $"/articles/{Report}", "/tags", "/about", "/help" })
        {
            using var response = await client.GetAsync(url);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            var page = await portal.Page(client, url);
            // A JSON-LD data block is not script: browsers never run it, so the CSP does not apply to it.
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") || s.GetAttribute("type") == "application/ld+json", $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("style, [style]"));
        }
    }

    [Fact]
    public async Task AboutAndHelpAreRenderedFromMarkdownInDocs()
    {
        var about = await portal.Page("/about");
        Assert.Equal("關於 PolicyNews", about.QuerySelector(".doc h1")!.TextContent);
        var help = await portal.Page("/help");
        Assert.NotNull(help.QuerySelector(".doc table"));
    }

    [Fact]
    public async Task TheJsonApiListsArticlesAndServesOneWithSectionsAndTags()
    {
        var client = portal.Client();
        using var list = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/articles"));
        var slugs = list.RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()).ToList();
        Assert.Equal([Essay, Report], slugs);

        using var one = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/articles/{Essay}"));
        var sections = one.RootElement.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(4, sections.Count);
        Assert.Equal(5, sections.SelectMany(s => s.GetProperty("paragraphs").EnumerateArray()).Count(p => p.GetProperty("kind").GetString() == "item"));
        Assert.NotEmpty(one.RootElement.GetProperty("tags").EnumerateArray());

        using var missing = await client.GetAsync("/api/articles/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task StaticAssetsComeFromTheTopLevelWwwroot()
    {
        using var css = await portal.Client().GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("prefers-color-scheme: dark", await css.Content.ReadAsStringAsync());
    }
}
