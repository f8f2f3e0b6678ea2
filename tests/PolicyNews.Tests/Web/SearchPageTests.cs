using System.Net;
using System.Text.Json;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>The search page and /api/search over the real HTTP pipeline, on the seeds the portal imported at start.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchPageTests(PortalFixture portal)
{
    const string Report = SeedArchive.Replicated;
    const string Essay = SeedArchive.Lessons;

    [Theory]
    [InlineData("创新", "創新", Report, Essay)]        // Simplified typed, Traditional stored
    [InlineData("創新", "創新", Report, Essay)]
    [InlineData("杭州", "杭州", Report, Essay)]        // two characters
    [InlineData("DEEPSEEK", "DeepSeek", Report, Essay)] // Latin in any case
    [InlineData("hangzhou", "杭州", Report, Essay)]    // toneless pinyin
    [InlineData("changqi", "長期", Report, Essay)]     // pinyin in a reading other than the usual (長 zhǎng)
    [InlineData("\"六小龍\"", "六小龍", Report)]         // a phrase that only the report has
    public async Task AQueryFindsSectionsOfTheExpectedArticlesWithTheMatchMarked(string query, string marked, params string[] articles)
    {
        var page = await portal.Page("/search?q=" + Uri.EscapeDataString(query));

        var groups = page.QuerySelectorAll(".search-hit-group h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(articles.Select(a => $"/articles/{a}").Order(), groups.Order());
        var hits = page.QuerySelectorAll("li.search-hit").ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Contains(hit.QuerySelectorAll("mark"), m => m.TextContent == marked));
        Assert.Contains($"找到 {hits.Count} 個章節", page.QuerySelector(".search-summary")!.TextContent);
    }

    [Fact]
    public async Task AResultLinksToItsSectionAtTheMatchingParagraphWhichIsHighlightedThere()
    {
        var results = await portal.Page("/search?q=" + Uri.EscapeDataString("麻省理工"));
        var link = results.QuerySelector("li.search-hit a.hit-link")!.GetAttribute("href")!;
        Assert.Matches($"^/articles/{Essay}/[a-z0-9-]+\\?hl=[^#]+#p[0-9a-f]+$", link);

        var section = await portal.Page(link.Split('#')[0]);
        var paragraph = section.GetElementById(link.Split('#')[1]);
        Assert.NotNull(paragraph);
        Assert.Contains(paragraph.QuerySelectorAll("mark"), m => m.TextContent == "麻省理工");
    }

    [Fact]
    public async Task ASnippetReadsExactlyAsTheParagraphItWasCutFrom()
    {
        var results = await portal.Page("/search?q=" + Uri.EscapeDataString("創新"));
        foreach (var hit in results.QuerySelectorAll("li.search-hit").Take(4))
        {
            var link = hit.QuerySelector("a.hit-link")!.GetAttribute("href")!;
            var section = await portal.Page(link.Split('#')[0]);
            var paragraph = section.GetElementById(link.Split('#')[1])!.TextContent.TrimEnd('¶');
            var snippet = hit.QuerySelector(".snippet")!.TextContent.Trim('…');
            Assert.Contains(snippet, paragraph);   // no spaces or markup text slipped in around the marks
        }
    }

    [Fact]
    public async Task AnExclusionRemovesTheSectionsThatContainIt()
    {
        var all = await portal.Page("/search?q=DeepSeek");
        var without = await portal.Page("/search?q=" + Uri.EscapeDataString("DeepSeek -杭州"));

        var kept = without.QuerySelectorAll("li.search-hit").ToList();
        Assert.True(kept.Count < all.QuerySelectorAll("li.search-hit").Length);
        Assert.NotEmpty(kept);
        foreach (var hit in kept)
        {
            var section = await portal.Page(hit.QuerySelector("a.hit-link")!.GetAttribute("href")!.Split('?')[0]);
            Assert.DoesNotContain("杭州", string.Concat(section.QuerySelectorAll(".section-page [id^=p]").Select(p => p.TextContent)));
        }
    }

    [Fact]
    public async Task TagAndArticleFiltersNarrowTheResults()
    {
        var byArticle = await portal.Page($"/search?q=DeepSeek&article={Essay}");
        Assert.Equal([$"/articles/{Essay}"], byArticle.QuerySelectorAll(".search-hit-group h2 a").Select(a => a.GetAttribute("href")));

        var byTag = await portal.Page("/search?q=DeepSeek&tag=hangzhou");
        var tagged = (await portal.Page("/tags/hangzhou")).QuerySelectorAll(".tagged-section h2 a").Select(a => a.GetAttribute("href")).ToHashSet();
        var hits = byTag.QuerySelectorAll("a.hit-link").Select(a => a.GetAttribute("href")!.Split('?', '#')[0]).ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains(h, tagged));

        var unknown = await portal.Page("/search?q=DeepSeek&tag=no-such-tag");
        Assert.Empty(unknown.QuerySelectorAll("li.search-hit"));
    }

    [Fact]
    public async Task TheApiReturnsTheSameHitsAsJson()
    {
        var page = await portal.Page("/search?q=" + Uri.EscapeDataString("创新"));
        using var json = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/search?q=" + Uri.EscapeDataString("创新")));

        var apiLinks = json.RootElement.GetProperty("articles").EnumerateArray()
            .SelectMany(a => a.GetProperty("hits").EnumerateArray()).Select(h => h.GetProperty("page").GetString()).ToList();
        Assert.Equal(page.QuerySelectorAll("a.hit-link").Select(a => a.GetAttribute("href")), apiLinks);
        Assert.Equal(apiLinks.Count, json.RootElement.GetProperty("totalHits").GetInt32());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("NEAR(a b)")]
    [InlineData("a OR b")]
    [InlineData(")(")]
    [InlineData("^")]
    [InlineData("\u0001\u0007")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("-")]
    [InlineData("-杭州")]
    [InlineData("   ")]
    [InlineData("\ud800")]
    [InlineData("創新 \"未閉合")]
    [InlineData("濺第\u0336僟DeepSeek創新")]   // combining marks alone fold to nothing: no empty lexeme for PostgreSQL
    [InlineData("創\u0336新 \u0336 -\u0301")]
    [InlineData("創新\u0000杭州 \u0000 z\u0000")]   // PostgreSQL refuses NUL in any text
    public async Task HostileInputAnswersNormallyAndIsEchoedEscaped(string query)
    {
        var client = portal.Client();
        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(query) + "&page=abc&sort=%00");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        using var api = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query) + "&pageSize=-5");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task ATenThousandCharacterQueryIsCutAndSaidSo()
    {
        var query = string.Concat(Enumerable.Repeat("創新 ", 3400));
        using var response = await portal.Client().GetAsync("/search?q=" + Uri.EscapeDataString(query));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("查詢太長", html);
    }

    [Fact]
    public async Task PagingPastTheEndShowsNoHitsRatherThanAnError()
    {
        var page = await portal.Page("/search?q=DeepSeek&page=999");
        Assert.Empty(page.QuerySelectorAll("li.search-hit"));
        Assert.NotNull(page.QuerySelector(".search-summary"));
    }
}
