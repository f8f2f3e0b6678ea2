using System.Diagnostics;
using Dapper;
using Npgsql;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;
using PolicyNews.Importer;
using PolicyNews.Tests.Store.PostgreSQL;
using PolicyNews.Tests.Web;
using Xunit.Abstractions;

namespace PolicyNews.Tests.Import;

/// <summary>
/// The importer and the web host's first start on the PostgreSQL provider: the same promises as on
/// SQLite — one transaction, a re-run of the same files writes nothing, a second importer waits for
/// the lock and then says so, several nodes starting on one empty archive import the seeds once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresImportTests(PostgresFixture postgres, ITestOutputHelper log) : IDisposable
{
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    static ImportRequest Request(string connectionString, params string[] files) =>
        new(connectionString, files, SmallArchive.Metadata, SmallArchive.Tags) { Provider = ArchiveProvider.PostgreSQL };

    static T Scalar<T>(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection.ExecuteScalar<T>(sql)!;
    }

    [PostgresFact]
    public void ImportsIntoPostgreSQLAndTheSameFilesAgainWriteNothing()
    {
        var database = postgres.Cluster.CreateDatabase();
        var story = dir.Write("story.txt", SmallArchive.Story);

        var first = new ArchiveImporter(new FakePipeline()).Import(Request(database, story));
        Assert.True(first.Succeeded, string.Join("\n", first.Problems));
        Assert.Equal(FileStatus.Added, Assert.Single(first.Files).Status);
        Assert.True(first.RowsChanged > 0);
        Assert.Equal(1, Scalar<long>(database, "SELECT generation FROM import_generation"));

        // The store reads it back through the same seam the web host uses.
        using (var archive = ArchiveDatabase.OpenPostgres(database))
        {
            var article = new ArticleStore(archive).GetArticle("deepseek-story");
            Assert.NotNull(article);
            Assert.Equal([null, "為什麼成功", "下一步"], article.Sections.Select(s => s.Heading));
            Assert.Contains(article.Tags, t => t.Slug == "open-source");
            var hits = new Archive.Search.SearchStore(archive).Search(new Archive.Search.SearchRequest("开源"));
            Assert.Equal("deepseek-story", Assert.Single(hits.Articles).Article.Slug);
        }

        var again = new ArchiveImporter(new FakePipeline()).Import(Request(database, story));
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.Equal(FileStatus.Unchanged, Assert.Single(again.Files).Status);
        Assert.Equal(0, again.RowsChanged);
        Assert.Equal(1, Scalar<long>(database, "SELECT generation FROM import_generation"));
    }

    [PostgresFact]
    public void SuggestTagsRefusesADatabaseWithoutAnArchiveAndCreatesNoSchema()
    {
        var database = new NpgsqlConnectionStringBuilder(postgres.Cluster.CreateDatabase()) { Password = "secret-word" }.ToString();
        var error = new StringWriter();

        var exit = new SuggestTagsCommand(new StringWriter(), error).Run(database, KeywordMethod.TfIdf, 10, 1, ArchiveProvider.PostgreSQL);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {PostgresArchive.Describe(database)}: no archive in this database (import some articles first)", error.ToString());
        Assert.DoesNotContain("secret-word", error.ToString());
        Assert.Equal(0, Scalar<long>(database, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [PostgresFact]
    public void ASecondImporterWaitsForTheLockThenSaysTheDatabaseIsLocked()
    {
        var database = postgres.Cluster.CreateDatabase();
        Assert.True(new ArchiveImporter(new FakePipeline()).Import(Request(database, dir.Write("first.txt", "第一篇文章的正文。\n"))).Succeeded);
        var error = new StringWriter();
        int exit;
        using (var firstImporter = new NpgsqlConnection(database))
        {
            firstImporter.Open();
            using var writing = firstImporter.BeginTransaction();   // the other importer, writing
            firstImporter.Execute("SELECT pg_advisory_xact_lock(@ImportLock)", new { ArchiveDatabase.ImportLock }, writing);

            var started = Stopwatch.GetTimestamp();
            exit = new ImportCommand(new FakePipeline(), new StringWriter(), error)
                .Run(database, [dir.Write("second.txt", "第二篇。\n")], ArchiveProvider.PostgreSQL);
            var waited = Stopwatch.GetElapsedTime(started);
            log.WriteLine($"failed after {waited.TotalSeconds:0.0} s (lock_timeout {ArchiveDatabase.BusyTimeout.TotalSeconds} s)");
            Assert.True(waited >= ArchiveDatabase.BusyTimeout, $"gave up after {waited}, before the lock timeout");
        }

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {PostgresArchive.Describe(database)}: the database is locked by another writer (is another import running?): " +
                        "waited 5 s for the write lock", error.ToString());
        Assert.Contains("nothing was imported; the database is unchanged.", error.ToString());
        Assert.Equal(1, Scalar<long>(database, "SELECT COUNT(*) FROM articles"));
    }

    [PostgresFact]
    public async Task NodesStartingTogetherOnAnEmptyArchiveImportTheSeedsOnce()
    {
        var database = new NpgsqlConnectionStringBuilder(postgres.Cluster.CreateDatabase()) { Pooling = true }.ToString();
        var nodes = Enumerable.Range(0, 3).Select(_ => new SharedPostgresPortal(database)).ToList();
        try
        {
            // Each node migrates and seeds on its first request; all three at once.
            var homes = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Page("/"))));
            Assert.All(homes, home => Assert.Equal(2, home.QuerySelectorAll(".article-card").Length));
        }
        finally
        {
            nodes.ForEach(n => n.Dispose());
        }
        Assert.Equal(2, Scalar<long>(database, "SELECT COUNT(*) FROM articles"));
        Assert.Equal(1, Scalar<long>(database, "SELECT generation FROM import_generation"));   // one import wrote
    }

    /// <summary>
    /// ConnectionStrings:ArchiveRead: pages read from it, while the primary gets the migrations and
    /// the seed import. Here the "replica" is another database holding another archive, so which one
    /// a page came from shows.
    /// </summary>
    [PostgresFact]
    public async Task PagesReadFromArchiveReadWhileTheSeedsGoToThePrimary()
    {
        var primary = new NpgsqlConnectionStringBuilder(postgres.Cluster.CreateDatabase()) { Pooling = true }.ToString();
        var replica = new NpgsqlConnectionStringBuilder(postgres.Cluster.CreateDatabase()) { Pooling = true }.ToString();
        Assert.True(new ArchiveImporter(new FakePipeline()).Import(Request(replica, dir.Write("story.txt", SmallArchive.Story))).Succeeded);

        using (var node = new SharedPostgresPortal(primary, ("ConnectionStrings:ArchiveRead", replica)))
        {
            var home = await node.Page("/");
            Assert.Equal(["/articles/deepseek-story"],
                home.QuerySelectorAll(".article-card h2 a, .article-card h3 a").Select(a => a.GetAttribute("href")).Distinct());
            using var ready = await node.Client().GetAsync("/readyz");
            Assert.Contains(PostgresArchive.Describe(replica), await ready.Content.ReadAsStringAsync());
        }
        Assert.Equal(2, Scalar<long>(primary, "SELECT COUNT(*) FROM articles"));   // the seeds, imported into the primary
        Assert.Equal(1, Scalar<long>(replica, "SELECT COUNT(*) FROM articles"));
    }

    sealed class SharedPostgresPortal(string connectionString, params (string Key, string Value)[] more)
        : PortalFixture([("Archive:Provider", "PostgreSQL"), ("ConnectionStrings:Archive", connectionString), .. more]);
}
