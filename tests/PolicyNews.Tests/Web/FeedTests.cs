using System.ServiceModel.Syndication;
using System.Xml;
using AngleSharp.Html.Parser;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The Atom feeds read by .NET's own feed parser (System.ServiceModel.Syndication): full content,
/// sanitised; a feed per tag listing that tag's sections; a feed per search; at most Feeds:Entries
/// entries; <c>updated</c> that follows the text through re-imports.
/// </summary>
public sealed class FeedTests(GeneratedArchivePortal portal) : IClassFixture<GeneratedArchivePortal>
{
    async Task<SyndicationFeed> Feed(string url)
    {
        using var response = await portal.Client().GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return SyndicationFeed.Load(reader);
    }

    static string Alternate(SyndicationItem item) => item.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsolutePath;

    static string Html(SyndicationItem item) => Assert.IsType<TextSyndicationContent>(item.Content).Text;

    [Fact]
    public async Task TheMainFeedHoldsTheNewestArticlesWithTheirWholeText()
    {
        var feed = await Feed("/feed.atom");

        var items = feed.Items.ToList();
        Assert.Equal(GeneratedArchivePortal.FeedEntries, items.Count);
        var newest = Enumerable.Range(0, GeneratedArchivePortal.FeedEntries).Select(k => GeneratedArchivePortal.ArticleCount - k).ToList();
        Assert.Equal(newest.Select(i => "/articles/" + GeneratedArchivePortal.Slug(i)), items.Select(Alternate));
        foreach (var (item, i) in items.Zip(newest))
        {
            var content = new HtmlParser().ParseDocument("<body>" + Html(item)).Body!.Children;
            var text = string.Concat(content.Select(n => n.TextContent));
            Assert.Contains($"第{i}篇報道的導語", text);
            Assert.Contains($"這一部分討論創新的區域布局，第{i}篇", text);   // the last section: the whole text, not a summary
            Assert.Equal(3, content.Count(n => n.NodeName == "H2"));
            // Only what the sanitiser lets through: headings, paragraphs, lists.
            Assert.All(content.SelectMany(e => e.QuerySelectorAll("*").Prepend(e)),
                e => Assert.Contains(e.NodeName, new[] { "H2", "P", "OL", "LI" }));
            Assert.Contains(item.Categories, c => c.Name == "innovation" && c.Label == "創新");
        }
    }

    [Theory]
    [InlineData("innovation", "創新")]
    [InlineData("taxation", "稅收")]
    public async Task ATagsFeedListsTheNewestSectionsOfThatTag(string tag, string word)
    {
        var feed = await Feed($"/tags/{tag}/feed.atom");
        var page = await portal.Page($"/tags/{tag}");

        var tagged = page.QuerySelectorAll(".tagged-section h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.True(tagged.Count > GeneratedArchivePortal.FeedEntries);
        Assert.Equal(tagged.Take(GeneratedArchivePortal.FeedEntries), feed.Items.Select(Alternate));
        Assert.All(feed.Items, item => Assert.Contains(word, Html(item)));
        Assert.All(feed.Items, item => Assert.Contains(item.Categories, c => c.Name == tag));
        Assert.All(feed.Items, item => Assert.Matches("^http://localhost/s/[a-z0-9]+$", item.Id));
    }

    [Fact]
    public async Task AnUnknownTagHasNoFeed()
    {
        using var response = await portal.Client().GetAsync("/tags/no-such-tag/feed.atom");
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task ASearchsFeedListsItsNewestHitsAndThePageLinksIt()
    {
        var page = await portal.Page("/search?q=" + Uri.EscapeDataString("稅收"));
        var feedUrl = page.QuerySelector("link[rel=alternate][type='application/atom+xml'][href^='/search/']")!.GetAttribute("href")!;

        var feed = await Feed(feedUrl);

        var newest = Enumerable.Range(0, GeneratedArchivePortal.FeedEntries).Select(k => GeneratedArchivePortal.ArticleCount - k);
        Assert.Equal(newest.Select(i => "/articles/" + GeneratedArchivePortal.Slug(i)), feed.Items.Select(i => string.Join('/', Alternate(i).Split('/').Take(3))));
        Assert.All(feed.Items, item => Assert.Contains("稅收", Html(item)));
    }

    /// <summary>A search feed's title is the reader's query; XML cannot carry every character a query can hold (these answered 500).</summary>
    [Theory]
    [InlineData("稅收\u0001")]
    [InlineData("稅收\u000B")]
    [InlineData("稅收\uFFFE")]
    [InlineData("\uFFFF稅收")]
    [InlineData("\u0000稅收")]
    public async Task ASearchFeedLeavesOutWhatXmlCannotCarry(string query)
    {
        var feed = await Feed("/search/feed.atom?q=" + Uri.EscapeDataString(query));

        Assert.Equal("PolicyNews：" + string.Concat(query.Where(XmlConvert.IsXmlChar)), feed.Title.Text);
        Assert.NotEmpty(feed.Items);
    }

    [Theory]
    [InlineData("/search/feed.atom?q=%E7%A8%85&tag=a%00", "tag holds a control character")]
    [InlineData("/search/feed.atom?q=%E7%A8%85&article=%01", "article holds a control character")]
    public async Task ASearchFeedRefusesAFilterHoldingAControlCharacter(string url, string reason)
    {
        using var response = await portal.Client().GetAsync(url);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnEntrysUpdatedMovesWhenAReimportChangesItsTextAndOnlyThen()
    {
        var newest = GeneratedArchivePortal.Slug(GeneratedArchivePortal.ArticleCount);
        DateTimeOffset Updated(SyndicationFeed feed, string slug) => feed.Items.Single(i => Alternate(i) == "/articles/" + slug).LastUpdatedTime;
        var before = await Feed("/feed.atom");
        var later = before.LastUpdatedTime.AddDays(3);

        Assert.Equal(0, Import(later).RowsChanged);   // the same files again: nothing to rewrite
        var unchanged = await Feed("/feed.atom");
        Assert.Equal(Updated(before, newest), Updated(unchanged, newest));

        File.WriteAllText(System.IO.Path.Combine(portal.Seeds, newest + ".txt"), GeneratedArchivePortal.Text(GeneratedArchivePortal.ArticleCount, edition: 2));
        Import(later);
        var after = await Feed("/feed.atom");

        Assert.Equal(later, Updated(after, newest));
        Assert.Equal(later, after.LastUpdatedTime);
        Assert.Contains("第2版", Html(after.Items.First()));
        var untouched = GeneratedArchivePortal.Slug(GeneratedArchivePortal.ArticleCount - 1);
        Assert.Equal(Updated(before, untouched), Updated(after, untouched));
    }

    ImportResult Import(DateTimeOffset now)
    {
        var (request, problems) = ImportInputs.Gather(portal.ArchiveLocation, [portal.Seeds]);
        Assert.Empty(problems);
        var result = new ArchiveImporter(ArticlePipeline.Create(), clock: new FixedClock(now)).Import(request! with { Provider = portal.Provider });
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result;
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
