using Dapper;
using Npgsql;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Importer;
using PolicyNews.Tests.Store.PostgreSQL;

namespace PolicyNews.Tests.Import;

/// <summary>
/// <c>reindex</c> makes the search index again from the stored text, on either provider — what an
/// archive migrated in place needs after a migration that empties the index (PostgreSQL 003) — and
/// starts a new import generation, so cached pages follow.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReindexTests(PostgresFixture postgres) : IDisposable
{
    readonly SmallArchive archive = new();
    readonly StringWriter output = new(), error = new();

    public void Dispose() => archive.Dispose();

    static int Hits(ArchiveDatabase database, string query) => new SearchStore(database).Search(new SearchRequest(query, CountAll: true)).TotalHits;

    [Fact]
    public void AnEmptiedSqliteIndexIsMadeAgainAndTheGenerationMoves()
    {
        Assert.True(archive.Import(archive.Write("story.txt", SmallArchive.Story)).Succeeded);
        using (var connection = archive.Connect())
            connection.Execute("DELETE FROM search_sections; DELETE FROM search_headings");
        long Generation() => archive.Scalar<long>("SELECT generation FROM import_generation");
        var before = Generation();
        using (var database = archive.Open())
            Assert.Equal(0, Hits(database, "开源"));

        Assert.Equal(ImportCommand.Success, new ReindexCommand(output, error).Run(archive.DatabasePath));

        Assert.Contains("search index rebuilt: 3 sections", output.ToString());
        using (var database = archive.Open())
            Assert.Equal((1, 1), (Hits(database, "开源"), Hits(database, "kaiyuan")));
        Assert.Equal(before + 1, Generation());
    }

    [Fact]
    public void AMissingFileIsAnErrorNotANewArchive()
    {
        var missing = archive["no-such.db"];
        Assert.Equal(ImportCommand.Failure, new ReindexCommand(output, error).Run(missing));
        Assert.Contains("no such archive database", error.ToString());
        Assert.False(File.Exists(missing));
    }

    [PostgresFact]
    public void AnEmptiedPostgresIndexIsMadeAgain()
    {
        var database = postgres.Cluster.CreateDatabase();
        var story = archive.Write("story.txt", SmallArchive.Story);
        var import = new ArchiveImporter(new FakePipeline()).Import(
            new ImportRequest(database, [story], SmallArchive.Metadata, SmallArchive.Tags) { Provider = ArchiveProvider.PostgreSQL });
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        using (var connection = new NpgsqlConnection(database))
            connection.Execute("TRUNCATE search_sections, search_headings");   // what migration 003 did to an archive in place
        using (var pg = ArchiveDatabase.OpenPostgres(database))
            Assert.Equal(0, Hits(pg, "开源"));

        Assert.Equal(ImportCommand.Success, new ReindexCommand(output, error).Run(database, ArchiveProvider.PostgreSQL));

        Assert.Contains("search index rebuilt: 3 sections", output.ToString());
        using (var pg = ArchiveDatabase.OpenPostgres(database))
            Assert.Equal((1, 1), (Hits(pg, "开源"), Hits(pg, "kaiyuan")));
        using (var connection = new NpgsqlConnection(database))
            Assert.Equal(2L, connection.ExecuteScalar<long>("SELECT generation FROM import_generation"));
    }

    [PostgresFact]
    public void ADatabaseWithoutAnArchiveIsLeftAlone()
    {
        var database = postgres.Cluster.CreateDatabase();
        Assert.Equal(ImportCommand.Failure, new ReindexCommand(output, error).Run(database, ArchiveProvider.PostgreSQL));
        Assert.Contains("no archive in this database", error.ToString());
        using var connection = new NpgsqlConnection(database);
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"));
    }
}
