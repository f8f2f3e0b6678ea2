using System.Text.Json;
using AngleSharp.Dom;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// Every page type names its JSON twin (<c>rel="alternate" type="application/json"</c> and a visible
/// link), and the twin holds what the page shows: the same links, in the same order.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DataTwinsTests(PortalFixture portal)
{
    const string Report = SeedArchive.Replicated;

    /// <summary>
    /// A page, the links it shows (CSS selector), and where its twin holds the same links: JSON paths,
    /// <c>[]</c> for every element of an array, several separated by <c>|</c>.
    /// </summary>
    public static TheoryData<string, string, string> Pages() => new()
    {
        { "/", ".article-card h2 a", "articles[].page" },
        { "/articles?type=news", ".article-card h2 a", "articles[].page" },
        { $"/articles/{Report}", "a.section-page-link", "sections[].link.page" },
        { "{section}", "a[rel=prev], a[rel=next]", "previous.page|next.page" },
        { "/tags", ".tag-list a", "tags[].page" },
        { "{tag}", ".tagged-section h2 a", "sections[].section.page" },
        { "/search?q=" + Uri.EscapeDataString("創新"), "a.hit-link", "articles[].hits[].page" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageLinksItsJsonTwinWhichHoldsWhatThePageShows(string url, string shown, string inTwin)
    {
        var page = await portal.Page(await Resolve(url));

        var twin = page.QuerySelector("link[rel=alternate][type='application/json']")?.GetAttribute("href");
        Assert.NotNull(twin);
        Assert.Equal(twin, page.QuerySelector(".data-links a[type='application/json']")?.GetAttribute("href"));
        using var response = await portal.Client().GetAsync(twin);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var links = page.QuerySelectorAll(shown).Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.Equal(links, inTwin.Split('|').SelectMany(path => Values(json.RootElement, path)));
    }

    [Fact]
    public async Task TheSectionTwinHoldsTheSectionsHeadingAndEveryParagraph()
    {
        var page = await portal.Page(await Resolve("{section}"));
        using var json = JsonDocument.Parse(await portal.Client().GetStringAsync(
            page.QuerySelector("link[rel=alternate][type='application/json']")!.GetAttribute("href")));

        var section = json.RootElement.GetProperty("section");
        Assert.Equal(page.QuerySelector("h1")!.ChildNodes.OfType<IText>().First().Text.Trim(), section.GetProperty("link").GetProperty("heading").GetString());
        Assert.Equal(page.QuerySelectorAll(".section-page p[id^=p]").Select(p => p.Id),
            section.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("/api/articles/no-such-article/no-such-section")]
    [InlineData("/api/tags/no-such-tag")]
    [InlineData("/api/tags/no-such-tag.csv")]
    [InlineData("/api/articles/no-such-article.csv")]
    public async Task AnUnknownTwinIsAProblem(string url)
    {
        using var response = await portal.Client().GetAsync(url);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The strings at <paramref name="path"/>; <c>[]</c> steps into every element, a missing or null value yields nothing.</summary>
    static IEnumerable<string> Values(JsonElement element, string path)
    {
        IEnumerable<JsonElement> current = [element];
        foreach (var step in path.Split('.'))
        {
            var name = step.TrimEnd('[', ']');
            current = current.SelectMany(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
                ? step.EndsWith("[]") ? v.EnumerateArray().ToArray() : [v]
                : Array.Empty<JsonElement>());
        }
        return current.Select(e => e.GetString()!);
    }

    /// <summary>{section} is the report's second section, {tag} the report's first tag.</summary>
    internal static async Task<string> Resolve(PortalFixture portal, string url)
    {
        if (url is not ("{section}" or "{tag}"))
            return url;
        var article = await portal.Page($"/articles/{Report}");
        return url == "{section}"
            ? article.QuerySelectorAll("a.section-page-link")[1].GetAttribute("href")!
            : article.QuerySelector("a.tag-chip")!.GetAttribute("href")!;
    }

    Task<string> Resolve(string url) => Resolve(portal, url);
}
