using Dapper;
using Npgsql;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;
using PolicyNews.Tests.Import;
using PolicyNews.Tests.Store.PostgreSQL;

namespace PolicyNews.Tests.Search;

/// <summary>The PostgreSQL index follows the text when an article is re-indexed, inside the writer's transaction.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchIndexTests(PostgresFixture postgres) : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    [PostgresFact]
    public void RefreshFindsTheNewTextAndRollbackKeepsTheOld()
    {
        using var both = postgres.StoryOnBoth(archive);
        var (sqlite, pg) = (both.Sqlite, both.Postgres);
        var search = new PostgresSearch(pg);
        int Hits(string q) => search.Find(new SearchRequest(q, CountAll: true)).TotalHits;
        Assert.Equal((0, 1), (Hits("量子"), Hits("幻方量化")));

        void Rewrite(bool commit)
        {
            using var connection = pg.OpenConnection();
            RewriteFunding(connection, commit);
        }

        Rewrite(commit: false);
        Assert.Equal((0, 1), (Hits("量子"), Hits("幻方量化")));
        Rewrite(commit: true);
        // 幻方量化 left the text; the section keeps its tag 幻方量化 (this test does not retag), whose name is indexed with it.
        Assert.Equal((1, 1, 1), (Hits("量子"), Hits("liangzi"), Hits("幻方量化")));
        Assert.Equal(0, Hits("資金來自幻方量化"));
    }

    /// <summary>
    /// A combining mark standing alone — after a space, or after a Han character, which is a token of
    /// its own — folds to nothing. FTS5's tokenizer reads it as a separator, but a PostgreSQL literal
    /// cannot hold an empty lexeme: a text holding one could not be copied or imported into PostgreSQL,
    /// and a search holding one answered 500 there. Both providers now find the same sections for it.
    /// </summary>
    [PostgresFact]
    public void ALoneCombiningMarkIsNoLexemeOnEitherProvider()
    {
        using var both = postgres.StoryOnBoth(archive, "杭州\u0336創新的DeepSeek \u0301發布了新的大模型。\n為什麼成功\n成功在於開源與人\u20DD才。\n");
        var sqlite = new SearchStore(both.Sqlite);
        var pg = new PostgresSearch(both.Postgres);
        string[] queries =
        [
            "杭州", "州創", "杭州創新", "杭州\u0336創新", "創\u0336新", "\u0336", "創新 \u0336", "創新 -\u0336", "\"州 \u0336 創\"",
            "人才", "人\u20DD才", "開源與人才", "發布", "deepseek", "zhouchuang", "創新 -人才", "杭州創新 -\u0301",
        ];
        Assert.All(queries, q =>
        {
            var request = new SearchRequest(q, CountAll: true);
            Assert.Equal((q, sqlite.Search(request).TotalHits), (q, pg.Find(request).TotalHits));
        });
        // Not two providers that agree on finding nothing: the marks are read through.
        Assert.Equal(1, sqlite.Search(new SearchRequest("杭州\u0336創新", CountAll: true)).TotalHits);
    }

    /// <summary>
    /// How many sections hold each lexeme (migration 006: search uses it to stop counting a common
    /// term) stays what the index rows hold through every way they change: a re-index committed or
    /// rolled back, a row updated, a section deleted (its rows go by cascade), the whole index rebuilt.
    /// </summary>
    [PostgresFact]
    public void LexemeCountsFollowTheIndexRows()
    {
        using var both = postgres.StoryOnBoth(archive);
        using var connection = both.Postgres.OpenConnection();
        int Sections(string form, string lexeme) => connection.ExecuteScalar<int>(
            "SELECT COALESCE(MAX(sections), 0) FROM search_lexeme_sections WHERE form = @form AND lexeme = @lexeme", new { form, lexeme });
        void AssertCountsAreTheRows()
        {
            // Both ways: every count a recount gives, and no other lexeme counted (but those no section holds any more, at 0).
            Assert.Empty(connection.Query<string>("""
                SELECT form || ' ' || lexeme || ' ' || sections
                FROM ((SELECT * FROM search_lexeme_recount EXCEPT SELECT * FROM search_lexeme_sections WHERE sections <> 0)
                      UNION ALL (SELECT * FROM search_lexeme_sections WHERE sections <> 0 EXCEPT SELECT * FROM search_lexeme_recount)) drift
                """));
        }

        AssertCountsAreTheRows();
        // The lexeme most sections hold among those of some heading.
        var common = connection.QuerySingle<string>("""
            SELECT s.lexeme FROM search_lexeme_sections s JOIN search_lexeme_sections h ON h.lexeme = s.lexeme AND h.form = 'heading_words'
            WHERE s.form = 'words' AND s.lexeme <> '¦' ORDER BY s.sections DESC, s.lexeme LIMIT 1
            """);
        var (sections, headings) = (Sections("words", common), Sections("heading_words", common));
        Assert.True(sections > 0 && headings > 0, $"{common}: {sections} sections, {headings} headings");
        Assert.Equal(0, Sections("pairs", "量子"));

        RewriteFunding(connection, commit: false);
        AssertCountsAreTheRows();
        Assert.Equal(0, Sections("pairs", "量子"));
        RewriteFunding(connection, commit: true);
        AssertCountsAreTheRows();
        Assert.Equal(1, Sections("pairs", "量子"));
        Assert.Equal(1, Sections("pinyin_pairs", "liang_zi"));

        // Nothing rewrites index rows in place today; an UPDATE is counted all the same.
        connection.Execute("UPDATE search_sections SET labels = CAST('''測驗'':1' AS tsvector) WHERE section_id = (SELECT MIN(section_id) FROM search_sections)");
        AssertCountsAreTheRows();
        Assert.Equal(1, Sections("labels", "測驗"));

        var withHeading = connection.ExecuteScalar<long>("SELECT MAX(section_id) FROM search_headings WHERE words @@ CAST(@common AS tsquery)", new { common });
        connection.Execute("DELETE FROM sections WHERE id = @withHeading", new { withHeading });
        AssertCountsAreTheRows();
        Assert.Equal((sections - 1, headings - 1), (Sections("words", common), Sections("heading_words", common)));

        using (var tx = connection.BeginTransaction())
        {
            new PostgresSearchIndex(connection, tx).Rebuild();
            tx.Commit();
        }
        AssertCountsAreTheRows();
    }

    /// <summary>
    /// Each index row's place in the archive's order (migration 012: the article's date and id, the section's ordinal), which
    /// the ranked page sorts by, stays its section's and article's through every import: new articles, a date changed in the
    /// metadata alone, a changed file rewritten. Once the essay's date is the newer, its hit comes first.
    /// </summary>
    [PostgresFact]
    public void SortKeysFollowTheArticles()
    {
        var database = postgres.Cluster.CreateDatabase();
        ImportResult Import(IReadOnlyDictionary<string, ArticleMetadata> metadata, params string[] files) =>
            new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(database, files, metadata, SmallArchive.Tags) { Provider = ArchiveProvider.PostgreSQL });
        using var connection = new NpgsqlConnection(database);
        void AssertKeysAreTheArticles() => Assert.Empty(connection.Query<long>("""
            SELECT x.section_id FROM search_sections x JOIN sections s ON s.id = x.section_id JOIN articles a ON a.id = s.article_id
            WHERE x.published IS DISTINCT FROM a.published OR x.article_id <> s.article_id OR x.ordinal <> s.ordinal
            """));
        string[] Ranked(string query)
        {
            using var pg = PostgresArchive.Open(database);
            return connection.Query<string>("SELECT a.slug FROM sections s JOIN articles a ON a.id = s.article_id WHERE s.id = ANY(@ids) ORDER BY array_position(@ids, s.id)",
                new { ids = new PostgresSearch(pg).Find(new SearchRequest(query)).SectionIds.ToArray() }).ToArray();
        }

        var (story, essay) = (archive.Write("story.txt", SmallArchive.Story), archive.Write("essay.txt", "舊文\n\n開源的好處。\n"));
        Assert.True(Import(SmallArchive.Metadata, story, essay).Succeeded);
        AssertKeysAreTheArticles();
        Assert.Equal(["deepseek-story", "older-essay"], Ranked("開源").Distinct());

        var newer = new Dictionary<string, ArticleMetadata>(SmallArchive.Metadata) { ["essay.txt"] = SmallArchive.Metadata["essay.txt"] with { Published = "2025-06" } };
        Assert.Equal(FileStatus.MetadataUpdated, Import(newer, story, essay).Files.Single(f => f.FileName == "essay.txt").Status);
        AssertKeysAreTheArticles();
        Assert.Equal(["older-essay", "deepseek-story"], Ranked("開源").Distinct());

        archive.Write("story.txt", SmallArchive.Story.Replace("下一步", "建議"));
        Assert.True(Import(newer, story, essay).Succeeded);
        AssertKeysAreTheArticles();
        Assert.Equal(4L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM search_sections"));
    }

    /// <summary>The story's paragraph on funding rewritten (幻方量化 → 量子計算) and its article re-indexed, in one transaction committed or rolled back.</summary>
    static void RewriteFunding(NpgsqlConnection connection, bool commit)
    {
        using var tx = connection.BeginTransaction();
        var articleId = connection.ExecuteScalar<long>("UPDATE paragraphs SET text = '資金來自量子計算。' WHERE text LIKE '資金%' " +
                                                      "RETURNING (SELECT article_id FROM sections WHERE id = section_id)", transaction: tx);
        new PostgresSearchIndex(connection, tx).Refresh([articleId]);
        if (commit) tx.Commit(); else tx.Rollback();
    }
}
