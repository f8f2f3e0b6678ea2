using Dapper;
using PolicyNews.Archive.Search;
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
            using var tx = connection.BeginTransaction();
            var articleId = connection.ExecuteScalar<long>("UPDATE paragraphs SET text = '資金來自量子計算。' WHERE text LIKE '資金%' " +
                                                          "RETURNING (SELECT article_id FROM sections WHERE id = section_id)", transaction: tx);
            new PostgresSearchIndex(connection, tx).Refresh([articleId]);
            if (commit) tx.Commit(); else tx.Rollback();
        }

        Rewrite(commit: false);
        Assert.Equal((0, 1), (Hits("量子"), Hits("幻方量化")));
        Rewrite(commit: true);
        // 幻方量化 left the text; the section keeps its tag 幻方量化 (this test does not retag), whose name is indexed with it.
        Assert.Equal((1, 1, 1), (Hits("量子"), Hits("liangzi"), Hits("幻方量化")));
        Assert.Equal(0, Hits("資金來自幻方量化"));
    }
}
