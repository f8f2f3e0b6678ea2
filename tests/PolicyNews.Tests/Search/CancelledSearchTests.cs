using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;
using PolicyNews.Tests.Store.PostgreSQL;

namespace PolicyNews.Tests.Search;

/// <summary>
/// A search stopped by its time limit at any moment ends in <see cref="OperationCanceledException"/>
/// (which the web answers with 503), never in another exception (which would be a 500): the two-node
/// demonstration once saw a 500 when a PostgreSQL search was cancelled under load.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CancelledSearchTests(PostgresFixture postgres)
{
    static readonly string[] Queries = ["chuangxin", "创新 -美国", "人工智能", "\"科技 创新\"", "AI"];

    [Fact]
    public void OnSqliteACancelledSearchIsOnlyEverCancelled()
    {
        using var seeds = new SeedArchive();
        CancelAtEveryMoment(seeds.Search);
    }

    [PostgresFact]
    public void OnPostgresACancelledSearchIsOnlyEverCancelled()
    {
        using var seeds = new SeedArchive();
        var connectionString = postgres.Cluster.CreateDatabase();
        using (var copy = PostgresArchive.Open(connectionString))
            ArchiveCopy.Copy(seeds.Database, copy);
        using var database = ArchiveDatabase.OpenPostgres(connectionString);
        CancelAtEveryMoment(new SearchStore(database));
    }

    // Cancels searches after 0 to 40 ms, several at once, so some stop before the read, some while a
    // statement runs and some between statements.
    static void CancelAtEveryMoment(SearchStore search)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(i % 41));
            try
            {
                search.Search(new SearchRequest(Queries[i % Queries.Length], CountAll: true), cancel.Token);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                failures.Add($"{Queries[i % Queries.Length]} after {i % 41} ms: {ex.GetType().Name}: {ex.Message} <- {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}");
            }
        });
        Assert.Empty(failures);
        // Not cancelled, the same searches still work on the archive the cancelled ones used.
        Assert.All(Queries, q => Assert.True(search.Search(new SearchRequest(q, CountAll: true)).TotalHits > 0, q));
    }
}
