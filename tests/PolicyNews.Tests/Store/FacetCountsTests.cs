using Dapper;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests.Store;

/// <summary>
/// The facet counts over the whole archive that the importer keeps (migration 011): the unfiltered
/// listing (home, /articles, /api/articles) reads them instead of counting every tag link per
/// render, so they must follow every import that adds, replaces or retags an article.
/// </summary>
public sealed class FacetCountsTests : IDisposable
{
    readonly SmallArchive archive = new(followProvider: true);

    public void Dispose() => archive.Dispose();

    const string Essay = "杭州推動開源。\n";

    ArticleFacets Unfiltered() => Unfiltered(archive);

    static ArticleFacets Unfiltered(SmallArchive archive)
    {
        using var database = archive.Open();
        return new ListingStore(database).Browse(ArticleFilter.None, withFacets: true).Facets!;
    }

    static string Show(IEnumerable<FacetValue> values) => string.Join(" ", values.Select(v => $"{v.Key}:{v.Count}"));

    [Fact]
    public void TheUnfilteredCountsFollowEveryImport()
    {
        var story = archive.Write("story.txt", SmallArchive.Story);
        Assert.True(archive.Import(story).Succeeded);
        var first = Unfiltered();
        Assert.Equal("中國科學報:1", Show(first.Sources));
        Assert.Equal("2025:1", Show(first.Years));
        Assert.Equal("news:1", Show(first.Types));
        Assert.Contains("hangzhou:1", Show(first.Tags));
        Assert.Contains("place:1", Show(first.Kinds));

        // A second article, also tagged 杭州 and 開源.
        Assert.True(archive.Import(story, archive.Write("essay.txt", Essay)).Succeeded);
        var second = Unfiltered();
        Assert.Equal("中國科學報:1", Show(second.Sources));   // the essay has no source
        Assert.Equal("2025:1 2024:1", Show(second.Years));
        Assert.Equal("news:2", Show(second.Types));
        Assert.Contains("hangzhou:2", Show(second.Tags));
        Assert.Contains("open-source:2", Show(second.Tags));
        Assert.Contains("place:2", Show(second.Kinds));

        // The story rewritten without 杭州: its tag goes, and so does its count.
        archive.Write("story.txt", SmallArchive.Story.Replace("杭州的", ""));
        Assert.True(archive.Import(story, archive["essay.txt"]).Succeeded);
        var third = Unfiltered();
        Assert.Contains("hangzhou:1", Show(third.Tags));
        Assert.Contains("open-source:2", Show(third.Tags));
        Assert.Equal("2025:1 2024:1", Show(third.Years));
    }

    [Fact]
    public void TheUnfilteredListingReadsTheKeptCountsAndCountsItselfUntilAnImportHasKeptThem()
    {
        // Looks into the file, so on SQLite; the counts themselves are checked on both providers above.
        using var archive = new SmallArchive();
        Assert.True(archive.Import(archive.Write("story.txt", SmallArchive.Story)).Succeeded);
        using (var connection = archive.Connect())
            connection.Execute("UPDATE facet_counts SET articles = 7 WHERE facet = 'source'");
        Assert.Equal("中國科學報:7", Show(Unfiltered(archive).Sources));

        // An archive migrated in place has an empty table until its next import: counted per render.
        using (var connection = archive.Connect())
            connection.Execute("DELETE FROM facet_counts");
        Assert.Equal("中國科學報:1", Show(Unfiltered(archive).Sources));
        Assert.Contains("hangzhou:1", Show(Unfiltered(archive).Tags));
    }
}
