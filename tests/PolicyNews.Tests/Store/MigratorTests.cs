using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests.Store;

public sealed class MigratorTests : IDisposable
{
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void OpeningANewFileCreatesItsFolderAppliesEveryMigrationAndSetsUserVersion()
    {
        var path = Path.Combine(dir.Path, "nested", "archive.db");

        using (var database = ArchiveDatabase.Open(path, SearchSqlFunctions.Register))
        {
            using var connection = (SqliteConnection)database.OpenConnection();
            Assert.Equal(Migrator.LatestVersion, Migrator.CurrentVersion(connection));
            Assert.True(Migrator.LatestVersion >= 1);
            Assert.Contains("articles", connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'"));
        }
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void ReopeningAppliesNothing()
    {
        var path = dir["archive.db"];
        ArchiveDatabase.Open(path, SearchSqlFunctions.Register).Dispose();
        var hash = TempFolder.HashDatabase(path);

        using (var database = ArchiveDatabase.Open(path, SearchSqlFunctions.Register))
        {
            using var connection = (SqliteConnection)database.OpenConnection();
            Assert.Equal(0, Migrator.Migrate(connection, SearchSqlFunctions.Register, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        }

        Assert.Equal(hash, TempFolder.HashDatabase(path));
    }

    [Fact]
    public void ConnectionsUseWalForeignKeysAndABusyTimeout()
    {
        using var database = ArchiveDatabase.Open(dir["archive.db"], SearchSqlFunctions.Register);
        using var connection = (SqliteConnection)database.OpenConnection();

        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<int>("PRAGMA foreign_keys"));
        // docs/operations.md promises 5 s: SQLite's busy handler and Microsoft.Data.Sqlite's own
        // retry on SQLITE_BUSY (its Default Timeout, 30 s unless set) must both stop there.
        Assert.Equal(5000, connection.ExecuteScalar<int>("PRAGMA busy_timeout"));
        Assert.Equal(5, connection.DefaultTimeout);
    }

    [Fact]
    public void MigrationsAreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, Migrator.All.Count), Migrator.All.Select(m => m.Number));
        Assert.Equal("001_archive", Migrator.All[0].Name);
    }

    [Fact]
    public void DatabaseFromANewerBuildIsRefused()
    {
        var path = dir["archive.db"];
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            connection.Execute($"PRAGMA user_version = {Migrator.LatestVersion + 1}");
        }

        var error = Assert.Throws<StoreException>(() => ArchiveDatabase.Open(path, SearchSqlFunctions.Register));
        Assert.Equal($"store: {path} is at schema version {Migrator.LatestVersion + 1}, newer than this build knows ({Migrator.LatestVersion}): " +
                     "a newer build migrated it; run that build, or restore a backup made for this one", error.Message);
    }
}
