using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;
using PolicyNews.Archive.Text;
using PolicyNews.Tests.Store.PostgreSQL;

namespace PolicyNews.Tests.Search;

/// <summary>A <see cref="GeneratedArchive"/> of <see cref="Count"/> articles imported into SQLite once and copied into a PostgreSQL archive.</summary>
public sealed class GeneratedArchiveOnBoth : IDisposable
{
    public const int Count = 300;

    /// <summary>A word in the last paragraph of the first <see cref="OldestOnly"/> articles and nowhere else.</summary>
    public const string Oldest = "珠海";
    public const int OldestOnly = 30;

    readonly TempFolder folder = new();
    PostgresArchive? postgres;

    public GeneratedArchiveOnBoth()
    {
        var generated = new GeneratedArchive(folder["seeds"], Count);
        // A word only the oldest articles hold: every hit among the first sections imported.
        foreach (var article in generated.Articles.Take(OldestOnly))
            File.AppendAllText(Path.Combine(folder["seeds"], article.File), $"此前{Oldest}也有類似安排。\n");
        var (request, problems) = ImportInputs.Gather(folder["archive.db"], [folder["seeds"]]);
        var result = new ArchiveImporter(ArticlePipeline.Create()).Import(request ?? throw new InvalidOperationException(string.Join("\n", problems)));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Sqlite = ArchiveDatabase.Open(folder["archive.db"], SearchSqlFunctions.Register);
    }

    public ArchiveDatabase Sqlite { get; }

    public PostgresArchive Postgres(PostgresCluster cluster)
    {
        lock (this)
        {
            if (postgres is null)
            {
                postgres = PostgresArchive.Open(cluster.CreateDatabase());
                ArchiveCopy.Copy(Sqlite, postgres);
            }
            return postgres;
        }
    }

    public void Dispose()
    {
        postgres?.Dispose();
        Sqlite.Dispose();
        folder.Dispose();
    }
}

/// <summary>
/// Past the exact limit, a term that few sections hold (a generated tag's name: one section of about
/// one article in five) pages through the same hits on both providers. On PostgreSQL its newest hits
/// come from a window of the newest sections intersected with the GIN index's matches, sized by the
/// lexeme counts, and from the walk newest first when the window holds too few (PostgresSearch.Newest),
/// as for a word only the oldest articles hold.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSparseTermTests(PostgresFixture postgres, GeneratedArchiveOnBoth archive) : IClassFixture<GeneratedArchiveOnBoth>
{
    [PostgresTheory]
    [InlineData("深圳", 3, 5)]      // two characters: the pairs forms
    [InlineData("圳", 3, 5)]        // one: the words forms
    [InlineData("深圳", 1, 10)]
    [InlineData("雄安", 5, 7)]
    [InlineData(GeneratedArchiveOnBoth.Oldest, 3, 5)]   // no hit among the newest sections: the window holds none
    public void PastTheExactLimitASparseTermPagesThroughTheSameHits(string query, int limit, int pageSize)
    {
        var hits = new SearchStore(archive.Sqlite).Search(new SearchRequest(query, CountAll: true));
        Assert.InRange(hits.TotalHits, 20, GeneratedArchiveOnBoth.Count * 3 * 15 / 100);   // under 15 % of the sections

        var paged = BothProviders.PageThrough(archive.Sqlite, archive.Postgres(postgres.Cluster), query, null, limit, pageSize: pageSize);
        Assert.Equal((limit, false, hits.TotalHits), (paged.TotalHits, paged.TotalIsExact, paged.Sqlite.Count));
        Assert.Equal(paged.Sqlite.Order(StringComparer.Ordinal), paged.Postgres.Order(StringComparer.Ordinal));
        Assert.Equal(paged.SqliteScores, paged.PostgresScores);
    }
}
