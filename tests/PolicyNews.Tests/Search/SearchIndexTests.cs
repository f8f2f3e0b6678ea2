using Dapper;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using static PolicyNews.Tests.SmallArchive;

namespace PolicyNews.Tests.Search;

/// <summary>The index follows the text inside the importer's transaction, and migration 005 fills it for old databases.</summary>
public sealed class SearchIndexTests : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    // Rewritten: the first section keeps its heading, "下一步" vanishes, a new section appears.
    const string Rewritten = """
        杭州的DeepSeek發布了新的大模型，引起關注。
        為什麼成功
        成功在於算力與芯片。
        展望未來
        西湖邊的實驗室。
        """;

    long Count(string sql) => archive.Scalar<long>(sql);

    int Hits(string query)
    {
        using var database = ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register);
        return new SearchStore(database).Search(new SearchRequest(query)).TotalHits;
    }

    [Fact]
    public void ImportIndexesEverySection()
    {
        Assert.True(archive.Import(archive.Write("story.txt", Story)).Succeeded);

        Assert.Equal(3, Count("SELECT COUNT(*) FROM sections"));
        Assert.Equal(3, Count("SELECT COUNT(*) FROM search_sections"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM search_sections WHERE rowid NOT IN (SELECT id FROM sections)"));
        Assert.Equal(1, Hits("人才培养"));
    }

    [Fact]
    public void RewrittenArticleIsFoundByItsNewTextOnly()
    {
        var story = archive.Write("story.txt", Story);
        Assert.True(archive.Import(story).Succeeded);
        Assert.Equal(1, Hits("开源"));
        Assert.Equal(1, Hits("下一步"));

        File.WriteAllText(story, Rewritten);
        Assert.True(archive.Import(story).Succeeded);

        Assert.Equal(0, Hits("开源"));
        Assert.Equal(0, Hits("下一步"));
        Assert.Equal(0, Hits("人才培养"));
        Assert.Equal(1, Hits("芯片"));
        Assert.Equal(1, Hits("xihu"));
        Assert.Equal(Count("SELECT COUNT(*) FROM sections"), Count("SELECT COUNT(*) FROM search_sections"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM search_sections WHERE rowid NOT IN (SELECT id FROM sections)"));
        // The heading index follows too: 下一步 left with its section, 展望未來 came.
        Assert.Equal(0, Count("SELECT COUNT(*) FROM search_headings WHERE search_headings MATCH '\"下一 一步\"'"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM search_headings WHERE search_headings MATCH '\"展望 望未 未来\"'"));
        // Every heading, and the lead's (its article's title).
        Assert.Equal(Count("SELECT COUNT(*) FROM sections WHERE heading IS NOT NULL OR ordinal = 0"), Count("SELECT COUNT(*) FROM search_headings"));
    }

    [Fact]
    public void DeletingASectionTakesItOutOfBothIndexes()
    {
        Assert.True(archive.Import(archive.Write("story.txt", Story)).Succeeded);

        using (var connection = archive.Connect())
            connection.Execute("DELETE FROM sections WHERE heading = '為什麼成功'");

        Assert.Equal(0, Hits("开源"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM search_headings WHERE search_headings MATCH '\"成功\"'"));
        Assert.Equal(2, Count("SELECT COUNT(*) FROM search_sections"));
    }

    [Fact]
    public void EachImportLeavesEveryIndexMergedIntoOneSegment()
    {
        // Three runs each write rows; without merging, FTS5 keeps a segment per batch and every
        // search reads each term once per segment.
        var story = archive.Write("story.txt", Story);
        Assert.True(archive.Import(story).Succeeded);
        File.WriteAllText(story, Rewritten);
        Assert.True(archive.Import(story).Succeeded);
        File.WriteAllText(story, Story);
        Assert.True(archive.Import(story).Succeeded);

        Assert.Equal(1, Count("SELECT COUNT(DISTINCT segid) FROM search_sections_idx"));
        Assert.Equal(1, Count("SELECT COUNT(DISTINCT segid) FROM search_headings_idx"));
        Assert.Equal(1, Hits("开源"));
    }

    [Fact]
    public void UnchangedReimportDoesNotTouchTheIndexOrTheFile()
    {
        var story = archive.Write("story.txt", Story);
        Assert.True(archive.Import(story).Succeeded);
        var before = TempFolder.HashDatabase(archive.DatabasePath);

        Assert.True(archive.Import(story).Succeeded);

        Assert.Equal(before, TempFolder.HashDatabase(archive.DatabasePath));
        Assert.Equal(1, Hits("开源"));
    }

    [Fact]
    public void FailedRunLeavesTheIndexAsItWas()
    {
        var story = archive.Write("story.txt", Story);
        Assert.True(archive.Import(story).Succeeded);
        // Make the run fail in its write phase, after the article's sections were rewritten.
        using (var connection = archive.Connect())
            connection.Execute("CREATE TRIGGER fail_links BEFORE INSERT ON section_tags BEGIN SELECT RAISE(ABORT, 'boom'); END");

        File.WriteAllText(story, Rewritten.Replace("西湖邊", "杭州西湖邊"));
        var result = archive.Import(story);

        Assert.False(result.Succeeded);
        Assert.Equal(1, Hits("开源"));
        Assert.Equal(0, Hits("芯片"));
        Assert.Equal(3, Count("SELECT COUNT(*) FROM search_sections"));
    }

    [Fact]
    public void IndexRowsRollBackWithTheirTransaction()
    {
        Assert.True(archive.Import(archive.Write("story.txt", Story)).Succeeded);

        using (var connection = archive.Connect())
        using (var tx = connection.BeginTransaction())
        {
            connection.Execute("UPDATE paragraphs SET text = '全新的文字。' WHERE text LIKE '%開源%'", transaction: tx);
            var articleId = connection.ExecuteScalar<long>("SELECT id FROM articles", transaction: tx);
            new SearchIndexWriter(connection, tx).Refresh([articleId]);
            Assert.Equal(1, connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM search_sections WHERE search_sections MATCH '\"全 新\"'", transaction: tx));
            tx.Rollback();
        }

        Assert.Equal(1, Hits("开源"));
        Assert.Equal(0, Hits("全新"));
    }

    [Fact]
    public void MigrationFillsTheIndexOfADatabaseThatAlreadyHoldsArticles()
    {
        Assert.True(archive.Import(archive.Write("story.txt", Story)).Succeeded);
        // Take the database back to schema 1, as it was before search (002), heading marks (003), retired paths (004),
        // the second search index (005), tag exclusions (006), the import generation (007) and browsing (009) existed.
        using (var connection = archive.Connect())
            connection.Execute($"""
                DROP TRIGGER sections_leave_search_index; DROP TABLE search_headings; DROP TABLE search_sections;
                DROP TABLE heading_annotations; DROP TABLE heading_repairs; DROP TABLE retired_paths; DROP TABLE retired_section_ids;
                ALTER TABLE tags DROP COLUMN excludes; DROP TABLE import_generation; {UndoBrowsingFacets}
                PRAGMA user_version = 1;
                """);

        using var database = ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register);

        Assert.Equal(Migrator.LatestVersion, Count("PRAGMA user_version"));
        Assert.Equal(3, Count("SELECT COUNT(*) FROM search_sections"));
        Assert.Equal(3, Count("SELECT COUNT(*) FROM search_headings"));   // two headings and the lead's title
        var results = new SearchStore(database).Search(new SearchRequest("kaiyuan"));
        Assert.Equal("為什麼成功", Assert.Single(results.Hits).Section.Heading);
    }
}
