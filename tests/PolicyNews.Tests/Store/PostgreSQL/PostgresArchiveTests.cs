using System.Diagnostics;
using Dapper;
using Npgsql;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Tests.Store.PostgreSQL;

/// <summary>Reads on PostgreSQL keep SQLite's promises: one snapshot per read, read only, stopped by their token.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresArchiveTests(PostgresFixture postgres)
{
    const string AddFile = "INSERT INTO source_files (file_name, sha256, bytes, encoding, imported_at) VALUES (@name, 'x', 1, 'utf-8', '2025-01-01T00:00:00Z')";

    /// <summary>An import committing between two queries of one page must not show the page half old, half new.</summary>
    [PostgresFact]
    public void AReadSeesOneSnapshotWhileAnotherConnectionCommits()
    {
        var connectionString = postgres.Cluster.CreateDatabase();
        using var archive = PostgresArchive.Open(connectionString);

        var (before, after) = archive.Read("count files twice", session =>
        {
            var first = session.QuerySingleOrDefault<long>("SELECT COUNT(*) FROM source_files");
            using (var writer = new NpgsqlConnection(connectionString))
            {
                writer.Open();
                writer.Execute(AddFile, new { name = "new.txt" });
            }
            return (first, session.QuerySingleOrDefault<long>("SELECT COUNT(*) FROM source_files"));
        });

        Assert.Equal((0, 0), (before, after));
        Assert.Equal(1, archive.Read("count files", s => s.QuerySingleOrDefault<long>("SELECT COUNT(*) FROM source_files")));
    }

    [PostgresFact]
    public void AReadCannotWrite()
    {
        using var archive = PostgresArchive.Open(postgres.Cluster.CreateDatabase());

        var error = Assert.Throws<StoreException>(() => archive.Read("sneak a write in", s =>
            s.QuerySingleOrDefault<long>(AddFile + " RETURNING id", new { name = "x.txt" })));
        Assert.Equal("store: unable to sneak a write in", error.Message);
        Assert.Contains("read-only transaction", error.InnerException!.Message);
    }

    /// <summary>The page time limit cancels the request's token: the statement must stop on the server, not run on.</summary>
    [PostgresFact]
    public void ACancelledReadStopsItsStatementOnTheServer()
    {
        using var archive = PostgresArchive.Open(postgres.Cluster.CreateDatabase());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = Stopwatch.StartNew();

        Assert.Throws<OperationCanceledException>(() => archive.Read("sleep", s => s.QuerySingleOrDefault<int>("SELECT 1 FROM pg_sleep(30)"), timeout.Token));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the read ran {started.Elapsed} after its token was cancelled");
    }
}
