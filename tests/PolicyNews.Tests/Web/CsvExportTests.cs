using System.Globalization;
using AngleSharp.Dom;
using CsvHelper;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The CSV exports, read back with CsvHelper: UTF-8 with a byte order mark, one row per section the
/// page lists (same sections, same order), each with its whole text.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CsvExportTests(PortalFixture portal)
{
    /// <summary>A page with a CSV twin, and the links to the sections it lists (paths, without query or fragment).</summary>
    public static TheoryData<string, string> Pages() => new()
    {
        { $"/articles/{Search.SeedArchive.Replicated}", "a.section-page-link" },
        { "{tag}", ".tagged-section h2 a" },
        { "/search?q=" + Uri.EscapeDataString("創新"), "a.hit-link" },
        { "/search?q=" + Uri.EscapeDataString("創新") + "&sort=newest", "a.hit-link" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task TheCsvOfAPageHoldsTheSectionsItListsWithTheirText(string url, string listed)
    {
        var page = await portal.Page(await DataTwinsTests.Resolve(portal, url));
        var csvUrl = page.QuerySelector("link[rel=alternate][type='text/csv']")?.GetAttribute("href");
        Assert.NotNull(csvUrl);
        Assert.Equal(csvUrl, page.QuerySelector(".data-links a[type='text/csv']")?.GetAttribute("href"));

        var rows = await Rows(csvUrl);

        var sections = page.QuerySelectorAll(listed).Select(a => Path(a.GetAttribute("href")!)).ToList();
        Assert.NotEmpty(sections);
        Assert.Equal(sections, rows.Select(r => Path(new Uri(r["page"]).PathAndQuery)));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r["text"])));
        Assert.All(rows, r => Assert.Matches("^http://localhost/s/[a-z0-9]+$", r["permalink"]));
    }

    [Fact]
    public async Task ASectionsRowHoldsEveryParagraphOfItAndItsTags()
    {
        var article = await portal.Page($"/articles/{Search.SeedArchive.Replicated}");
        var rows = await Rows(article.QuerySelector("link[rel=alternate][type='text/csv']")!.GetAttribute("href")!);

        foreach (var row in rows)
        {
            var section = article.QuerySelector($"section.article-section[id='{Path(new Uri(row["page"]).AbsolutePath).Split('/').Last()}']")!;
            foreach (var paragraph in section.QuerySelectorAll("p[id^=p]"))   // its text, without the ¶ link after it
                Assert.Contains(string.Concat(paragraph.ChildNodes.Where(n => n is not IElement { ClassName: "para-link" }).Select(n => n.TextContent)).Trim(), row["text"]);
            var sectionPage = await portal.Page(new Uri(row["page"]).AbsolutePath);   // the tags a section page shows
            Assert.Equal(sectionPage.QuerySelectorAll(".tag-chip").Select(t => t.TextContent.Trim()),
                row["tags"].Split("; ", StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public async Task TheArchiveCsvHoldsEverySectionOfEveryArticleNewestFirst()
    {
        using var articles = System.Text.Json.JsonDocument.Parse(await portal.Client().GetStringAsync("/api/articles"));
        var expected = articles.RootElement.GetProperty("articles").EnumerateArray()
            .SelectMany(a => a.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("page").GetString()!)).ToList();

        var rows = await Rows(articles.RootElement.GetProperty("csv").GetString()!);

        Assert.Equal(expected, rows.Select(r => new Uri(r["page"]).AbsolutePath));
    }

    /// <summary>The rows of a CSV answer by column name, after checking the type and the byte order mark.</summary>
    async Task<List<Dictionary<string, string>>> Rows(string url)
    {
        using var response = await portal.Client().GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));

        using var reader = new CsvReader(new StreamReader(new MemoryStream(bytes)), CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        reader.Read();
        reader.ReadHeader();
        Assert.Equal(["article_slug", "article_title", "section_id", "heading", "page", "permalink", "date", "tags", "text"], reader.HeaderRecord!);
        while (reader.Read())
            rows.Add(reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h)!));
        return rows;
    }

    static string Path(string href) => href.Split('?', '#')[0];
}
