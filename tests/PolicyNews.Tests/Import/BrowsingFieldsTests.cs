using Dapper;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Text;
using static PolicyNews.Tests.SmallArchive;

namespace PolicyNews.Tests.Import;

/// <summary>What the importer keeps for browsing: the document type from articles.json, and article_tags as the union of each article's section tags.</summary>
public sealed class BrowsingFieldsTests : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    [Fact]
    public void TheTypeComesFromArticlesJsonDefaultsToNewsAndAMetadataEditChangesIt()
    {
        var story = archive.Write("story.txt", Story);
        var essay = archive.Write("essay.txt", "一篇舊文。\n");
        var meta = new Dictionary<string, ArticleMetadata>(Metadata) { ["story.txt"] = Metadata["story.txt"] with { Type = "commentary" } };
        Import([story, essay], meta);
        Assert.Equal(["commentary", "news"], Types());

        meta["story.txt"] = meta["story.txt"] with { Type = "speech" };
        var result = Import([story, essay], meta);

        Assert.Equal(FileStatus.MetadataUpdated, result.Files[0].Status);
        Assert.Equal(["news", "speech"], Types());
    }

    [Fact]
    public void ATypeOutsideTheListIsRefusedNamingTheEntry()
    {
        var path = archive.Write("articles.json", """{ "story.txt": { "slug": "story", "title": "故事", "type": "opinion" } }""");

        var refused = Assert.Throws<SourceRejectedException>(() => ArticleMetadataFile.Load(path));

        Assert.Contains("entry 'story.txt': type 'opinion' is not one of news, commentary, policy-document, speech, interview", refused.Message);
    }

    [Fact]
    public void ArticleTagsFollowTheSectionTagsThroughRewritesAndTaxonomyChanges()
    {
        var story = archive.Write("story.txt", Story);
        Import([story], Metadata);
        Assert.Equal(["deepseek", "hangzhou", "high-flyer", "innovative-talent", "open-source", "venture-capital"], ArticleTags());
        Assert.Equal(SectionTagUnion(), ArticleTags());

        // The rewritten story no longer mentions 杭州 or 幻方量化.
        archive.Write("story.txt", Story.Replace("杭州的", "").Replace("資金來自幻方量化。\n", ""));
        Import([story], Metadata);
        Assert.Equal(["deepseek", "innovative-talent", "open-source", "venture-capital"], ArticleTags());

        // A tag taken out of the taxonomy, and one whose terms changed (開源 no longer matches).
        var tags = Tags.Where(t => t.Slug != "deepseek").Select(t => t.Slug == "open-source" ? t with { Aliases = [] , Name = "開放源碼" } : t).ToList();
        Import([story], Metadata, tags);
        Assert.Equal(["innovative-talent", "venture-capital"], ArticleTags());
        Assert.Equal(SectionTagUnion(), ArticleTags());
    }

    ImportResult Import(IReadOnlyList<string> files, IReadOnlyDictionary<string, ArticleMetadata> meta, IReadOnlyList<TagDefinition>? tags = null)
    {
        var result = archive.Import(files, meta, tags ?? Tags);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result;
    }

    List<string> Types()
    {
        using var connection = archive.Connect();
        return connection.Query<string>("SELECT type FROM articles ORDER BY type").ToList();
    }

    List<string> ArticleTags()
    {
        using var connection = archive.Connect();
        return connection.Query<string>("SELECT t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id ORDER BY t.slug").ToList();
    }

    List<string> SectionTagUnion()
    {
        using var connection = archive.Connect();
        return connection.Query<string>("""
            SELECT DISTINCT t.slug FROM section_tags st JOIN tags t ON t.id = st.tag_id ORDER BY t.slug
            """).ToList();
    }
}
