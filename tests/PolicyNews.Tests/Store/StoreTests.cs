using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Store;

/// <summary>ArticleStore and TagStore over a small archive imported through the fake pipeline.</summary>
public sealed class StoreTests : IDisposable
{
    readonly SmallArchive archive = new(followProvider: true);
    readonly ArchiveDatabase database;
    readonly ArticleStore articles;
    readonly TagStore tags;

    public StoreTests()
    {
        var result = archive.Import(
            [
                archive.Write("old.txt", "去年的導語，提到杭州。\n舊的章節\n舊章節的內容。\n"),
                archive.Write("new.txt", "今年的導語，提到DeepSeek與杭州，說(shuō)明一切。\n為什麼成功\n壞了\uFFFD的字。\n如何培育\n1.加強投資。\n責任編輯：馬莉莎\n"),
            ],
            new Dictionary<string, ArticleMetadata>
            {
                ["old.txt"] = new("old-story", "舊文章", "中國科學報", "2024-11"),
                ["new.txt"] = new("new-story", "新文章", "中國科學報", "2025-03", "趙廣立"),
            },
            [new("杭州", "hangzhou", "place", []), new("DeepSeek", "deepseek", "organisation", ["深度求索"]), new("芯片", "chips", "topic", [])]);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));

        database = archive.Open();
        articles = new ArticleStore(database);
        tags = new TagStore(database);
    }

    public void Dispose()
    {
        database.Dispose();
        archive.Dispose();
    }

    [Fact]
    public void ListsArticlesNewestFirstWithSectionsAndTags()
    {
        var list = articles.ListArticles();

        Assert.Equal(["new-story", "old-story"], list.Select(a => a.Slug));
        var newest = list[0];
        Assert.Equal(["lead", "wei-shen-me-cheng-gong", "ru-he-pei-yu"], newest.Sections.Select(s => s.Slug));
        Assert.Equal([new TagRef("deepseek", "DeepSeek", "organisation"), new TagRef("hangzhou", "杭州", "place")], newest.Tags);
        Assert.Equal("今年的導語，提到DeepSeek與杭州，說明一切。", newest.Summary);
    }

    [Fact]
    public void LoadsOneArticleWithParagraphsAnnotationsRepairsAndBylines()
    {
        var article = articles.GetArticle("new-story")!;

        Assert.Equal("新文章", article.Title);
        Assert.Equal("趙廣立", article.Author);
        Assert.Equal("馬莉莎", article.Editor);
        Assert.Equal([null, "為什麼成功", "如何培育"], article.Sections.Select(s => s.Heading));

        var lead = article.Sections[0].Paragraphs.Single();
        Assert.Equal(new ReadingAnnotation(20, "說", "shuō"), Assert.Single(lead.Marks.Annotations));
        Assert.Equal(["deepseek", "hangzhou"], article.Sections[0].Tags.Select(t => t.Slug));

        var repair = Assert.Single(article.Sections[1].Paragraphs.Single().Marks.Repairs);
        Assert.Equal(RepairConfidence.Partial, repair.Confidence);
        Assert.Equal("壞了□的字。", article.Sections[1].Paragraphs.Single().Text);

        var item = article.Sections[2].Paragraphs.Single();
        Assert.True(item.IsListItem);
        Assert.Equal(1, item.ItemNumber);
        Assert.Equal(1, article.RepairCount);
    }

    [Fact]
    public void UnknownSlugsGiveNull()
    {
        Assert.Null(articles.GetArticle("no-such-article"));
        Assert.Null(articles.GetSection("s0000000"));
        Assert.Null(articles.GetSection("new-story", "no-such-section"));
        Assert.Null(tags.GetTag("no-such-tag"));
    }

    [Fact]
    public void FindsASectionByStableIdAndByArticleAndSectionSlug()
    {
        var stableId = Slugs.SectionId("new-story", "為什麼成功");

        var byId = articles.GetSection(stableId)!;
        var bySlug = articles.GetSection("new-story", "wei-shen-me-cheng-gong")!;

        Assert.Equal(byId.Section.Link, bySlug.Section.Link);
        Assert.Equal(stableId, byId.Section.StableId);
        Assert.Equal("為什麼成功", byId.Section.Heading);
        Assert.Equal("壞了□的字。", byId.Section.Paragraphs.Single().Text);
        Assert.Equal("新文章", byId.Article.Title);
        Assert.Equal("lead", byId.Previous!.Slug);
        Assert.Equal("ru-he-pei-yu", byId.Next!.Slug);
    }

    [Fact]
    public void ListsEveryTagWithCountsOfSectionsAndArticles()
    {
        var list = tags.ListTags();

        // Topics first, then organisations, then places; unused tags are listed with zero.
        Assert.Equal(
            [new TagSummary("chips", "芯片", "topic", 0, 0), new TagSummary("deepseek", "DeepSeek", "organisation", 1, 1),
             new TagSummary("hangzhou", "杭州", "place", 2, 2)],
            list);
    }

    [Fact]
    public void ListsTagsInUseAsListTagsDoesWithoutTheUnusedOnes()
    {
        Assert.Equal(tags.ListTags().Where(t => t.SectionCount > 0), tags.ListTagsInUse());
        Assert.Equal(["deepseek", "hangzhou"], tags.ListTagsInUse().Select(t => t.Slug));
    }

    [Fact]
    public void LoadsATagWithItsSectionsNewestArticleFirst()
    {
        var tag = tags.GetTag("hangzhou")!;

        Assert.Equal(["new-story", "old-story"], tag.Sections.Select(s => s.Article.Slug));
        Assert.Equal("去年的導語，提到杭州。", tag.Sections[1].Excerpt);

        Assert.Equal(["深度求索"], tags.GetTag("deepseek")!.Aliases);
    }

    [Fact]
    public void StoreErrorsSayWhatWasBeingDone()
    {
        using (var connection = database.OpenConnection())
            Dapper.SqlMapper.Execute(connection, "DROP TABLE repairs");

        var error = Assert.Throws<StoreException>(() => articles.GetArticle("new-story"));

        Assert.Equal("store: unable to load article 'new-story'", error.Message);
        // The provider's own words for it (SQLite's, or PostgreSQL's 42P01).
        Assert.Contains(TestProvider.IsPostgres ? "relation \"repairs\" does not exist" : "no such table", error.InnerException!.Message);
    }
}
