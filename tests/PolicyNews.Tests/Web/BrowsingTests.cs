using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace PolicyNews.Tests.Web;

/// <summary>
/// Paged, faceted browsing on a generated archive of a couple of thousand articles: every listing
/// has a next page and a bounded size; every filter keeps exactly what the generator says it must,
/// with the same counts on the page and in the JSON; every facet's count is what its link shows.
/// </summary>
public sealed class BrowsingTests(GeneratedPortal portal) : IClassFixture<GeneratedPortal>
{
    [Theory]
    [InlineData("/", ".article-card", 20)]
    [InlineData("/articles", ".article-card", 20)]
    [InlineData("/articles?type=news&from=2020", ".article-card", 20)]
    [InlineData("/tags/digital-economy", ".tagged-section", 50)]
    [InlineData("/search?q=" + GeneratedArchive.EveryLead, "li.search-hit", 20)]
    [InlineData("/search?q=" + GeneratedArchive.EveryLead + "&source=新華社&sort=newest", "li.search-hit", 20)]
    public async Task EveryListingPageIsFullAndLinksToTheNextWhichLinksBack(string url, string item, int size)
    {
        var first = await portal.Page(url);
        var next = RelLink(first, "next");
        Assert.Equal(size, first.QuerySelectorAll(item).Length);

        var second = await portal.Page(next);
        var items = second.QuerySelectorAll(item);
        Assert.InRange(items.Length, 1, size);
        Assert.Empty(Hrefs(first, item).Intersect(Hrefs(second, item)));
        var back = await portal.Page(RelLink(second, "prev"));
        Assert.Equal(Hrefs(first, item), Hrefs(back, item));
    }

    [Theory]
    [InlineData("/api/articles", 20)]
    [InlineData("/api/articles?kind=place&pageSize=7", 7)]
    [InlineData("/api/articles?pageSize=1000", 100)]   // asked for more than the bound: the bound
    [InlineData("/api/search?q=" + GeneratedArchive.EveryLead, 20)]
    public async Task EveryJsonListingIsBoundedAndLinksToTheNextWhichLinksBack(string url, int size)
    {
        var first = await Json(url);
        Assert.Equal(size, Items(first).Count);
        var second = await Json(first.GetProperty("next").GetString()!);
        Assert.Empty(Items(first).Intersect(Items(second)));
        Assert.Equal(Items(first), Items(await Json(second.GetProperty("prev").GetString()!)));
    }

    public static TheoryData<string> Filters =>
    [
        "type=commentary",
        "source=新華社",
        "tag=carbon-peak",
        "kind=person",
        "from=2021&to=2021",
        "from=2022-03&to=2022-03",
        "from=2020-02-10&to=2020-06",
        "to=2019-12-31",
        "source=人民日報&type=news&from=2023",
        "tag=shenzhen&kind=organisation&to=2021-06-30",
        "type=speech&source=光明日報&tag=mee&from=2019-05&to=2024",
        "source=no-such-paper",
    ];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task AFilterKeepsExactlyTheMatchingArticlesAndThePageAndJsonAgree(string filter)
    {
        var expected = BrowsingOracle.Keep(portal.Archive, filter);

        var pages = new List<JsonElement> { await Json($"/api/articles?{filter}&pageSize=100") };
        while (pages[^1].GetProperty("next").GetString() is { } next)
            pages.Add(await Json(next));
        Assert.All(pages, p => Assert.Equal(expected.Count, p.GetProperty("total").GetInt32()));
        Assert.Equal(expected.Select(a => a.Slug).Order(), pages.SelectMany(p => Items(p)).Order());

        var html = await portal.Page($"/articles?{Escape(filter)}");
        var json = await Json($"/api/articles?{filter}");
        Assert.Contains(expected.Count == 0 ? "沒有符合" : $"共 {expected.Count} 篇", html.QuerySelector("#archive-summary")!.TextContent);
        Assert.Equal(Items(json).Select(s => $"/articles/{s}"), html.QuerySelectorAll(".article-card h2 a").Select(a => a.GetAttribute("href")!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("type=news")]
    [InlineData("from=2022&to=2022")]
    [InlineData("tag=rural-revitalisation&source=新華社&kind=place")]
    public async Task EveryFacetCountIsWhatFollowingItsLinkShowsOnThePageAndInTheJson(string filter)
    {
        var json = await Json($"/api/articles?{filter}");
        var page = await portal.Page($"/articles?{Escape(filter)}");
        var fromJson = new List<(string Page, int Count)>();
        foreach (var facet in json.GetProperty("facets").EnumerateObject())
            foreach (var value in facet.Value.EnumerateArray())
            {
                var count = value.GetProperty("count").GetInt32();
                fromJson.Add((value.GetProperty("page").GetString()!, count));
                Assert.Equal(count, (await Json(value.GetProperty("api").GetString()!)).GetProperty("total").GetInt32());
            }
        // The page lists the same links with the same counts.
        var fromPage = page.QuerySelectorAll(".facet li").Select(li =>
            (li.QuerySelector("a")!.GetAttribute("href")!, int.Parse(li.QuerySelector(".count")!.TextContent))).ToList();
        Assert.Equal(fromJson.Order(), fromPage.Order());
        Assert.True(fromJson.Count >= 15, $"only {fromJson.Count} facet values");

        // And following a link on the page shows that many articles.
        foreach (var (link, count) in fromPage.Where((_, i) => i % 4 == 0))
            Assert.Contains($"共 {count} 篇", (await portal.Page(link)).QuerySelector("#archive-summary")!.TextContent);
    }

    [Theory]
    [InlineData("type=speech&from=2023", GeneratedArchive.EveryLead)]
    [InlineData("source=經濟日報&to=2020-06", "鄉村振興")]
    public async Task SearchKeepsOnlyHitsInArticlesTheFilterKeeps(string filter, string query)
    {
        var expected = BrowsingOracle.Keep(portal.Archive, filter)
            .Where(a => query == GeneratedArchive.EveryLead || a.Tags.Contains("rural-revitalisation")).Select(a => a.Slug).ToHashSet();
        var found = new HashSet<string>();
        var page = await Json($"/api/search?q={query}&{filter}&pageSize=100&sort=newest");
        while (true)
        {
            foreach (var article in page.GetProperty("articles").EnumerateArray())
                found.Add(article.GetProperty("slug").GetString()!);
            if (page.GetProperty("next").GetString() is not { } next)
                break;
            page = await Json(next);
        }
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), found.Order());
    }

    [Fact]
    public async Task TheSearchPagesArticleFilterIsATextFieldWithAShortListOfSuggestions()
    {
        var page = await portal.Page("/search?q=" + GeneratedArchive.EveryLead);
        Assert.Null(page.QuerySelector("select[name=article]"));
        var field = page.QuerySelector("input[name=article]")!;
        var suggestions = page.GetElementById(field.GetAttribute("list")!)!.QuerySelectorAll("option");
        Assert.InRange(suggestions.Length, 1, 20);
        Assert.True(page.Body!.OuterHtml.Length < 200_000, $"the search page is {page.Body.OuterHtml.Length} characters");
    }

    static string RelLink(IDocument page, string rel)
    {
        var head = page.Head!.QuerySelector($"link[rel={rel}]")?.GetAttribute("href");
        var body = page.Body!.QuerySelector($"a[rel={rel}]")?.GetAttribute("href");
        Assert.NotNull(head);
        Assert.Equal(head, body);
        return head;
    }

    static List<string> Hrefs(IDocument page, string item) =>
        page.QuerySelectorAll(item).Select(i => i.QuerySelector("a")!.GetAttribute("href")!).ToList();

    /// <summary>Article slugs of /api/articles, section ids of /api/search.</summary>
    static List<string> Items(JsonElement listing) => listing.GetProperty("articles").EnumerateArray()
        .SelectMany(a => a.TryGetProperty("hits", out var hits)
            ? hits.EnumerateArray().Select(h => h.GetProperty("section").GetString()!)
            : [a.GetProperty("slug").GetString()!])
        .ToList();

    async Task<JsonElement> Json(string url)
    {
        using var response = await portal.Client().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    static string Escape(string query) => string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2)).Select(p => $"{p[0]}={Uri.EscapeDataString(p[1])}"));
}
