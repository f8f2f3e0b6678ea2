using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Tests.Store.PostgreSQL;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigratorTests(PostgresFixture postgres) : IDisposable
{
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    [PostgresFact]
    public void OpeningAnEmptyDatabaseAppliesEveryMigration()
    {
        using var archive = PostgresArchive.Open(postgres.Cluster.CreateDatabase());
        using var connection = archive.OpenConnection();

        Assert.Equal(PostgresMigrator.LatestVersion, PostgresMigrator.CurrentVersion(connection));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT generation FROM import_generation WHERE id = 1"));
    }

    /// <summary>
    /// The PostgreSQL schema mirrors SQLite's end state: every table and column the SQLite migrations
    /// leave (FTS5 tables aside: search is provider-specific) exists under the same name, so a store's
    /// SQL reads both. A new SQLite migration without its PostgreSQL twin fails here.
    /// </summary>
    [PostgresFact]
    public void EverySqliteTableAndColumnExistsOnPostgreSql()
    {
        using var sqlite = ArchiveDatabase.Open(dir["archive.db"], SearchSqlFunctions.Register);
        using var lite = sqlite.OpenConnection();
        var expected = lite.Query<(string Table, string Column)>("""
            SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND m.name NOT LIKE 'search_%'
            """).Select(c => $"{c.Table}.{c.Column}").Order().ToList();

        using var archive = PostgresArchive.Open(postgres.Cluster.CreateDatabase());
        using var pg = archive.OpenConnection();
        var actual = pg.Query<(string Table, string Column)>("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT IN ('schema_version') AND table_name NOT LIKE 'search_%'
            """).Select(c => $"{c.Table}.{c.Column}").Order().ToList();

        Assert.True(expected.Count > 50, $"only {expected.Count} SQLite columns found");
        Assert.Equal(expected, actual);
    }

    /// <summary>SQLite compares text by code point (BINARY); so must PostgreSQL, whatever locale its database has, or tags and slugs list in another order.</summary>
    [PostgresFact]
    public void EveryTextColumnComparesByCodePoint()
    {
        using var archive = PostgresArchive.Open(postgres.Cluster.CreateDatabase());
        using var pg = archive.OpenConnection();
        var columns = pg.Query<(string Table, string Column, string? Collation)>("""
            SELECT table_name, column_name, collation_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = 'text'
            """).AsList();

        Assert.True(columns.Count > 30);
        Assert.All(columns, c => Assert.True(c.Collation == "C", $"{c.Table}.{c.Column} collates as {c.Collation ?? "the database default"}"));
    }

    [PostgresFact]
    public void ReopeningAppliesNothing()
    {
        var connectionString = postgres.Cluster.CreateDatabase();
        PostgresArchive.Open(connectionString).Dispose();

        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Assert.Equal(0, PostgresMigrator.Migrate(connection, NullLogger.Instance));
        Assert.Equal(PostgresMigrator.LatestVersion, PostgresMigrator.CurrentVersion(connection));
    }

    /// <summary>Web nodes started together on one empty database: one migrates, the others wait on the advisory lock and find it done.</summary>
    [PostgresFact]
    public void NodesStartingAtOnceMigrateOnce()
    {
        var connectionString = postgres.Cluster.CreateDatabase();
        var applied = new int[4];
        Parallel.For(0, applied.Length, i =>
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            applied[i] = PostgresMigrator.Migrate(connection, NullLogger.Instance);
        });

        Assert.Equal(PostgresMigrator.LatestVersion, applied.Sum());
        using var check = new NpgsqlConnection(connectionString);
        check.Open();
        Assert.Equal(1, check.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, check.ExecuteScalar<int>("SELECT COUNT(*) FROM import_generation"));
    }

    [PostgresFact]
    public void DatabaseFromANewerBuildIsRefused()
    {
        var connectionString = postgres.Cluster.CreateDatabase();
        PostgresArchive.Open(connectionString).Dispose();
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            connection.Execute("UPDATE schema_version SET version = @v", new { v = PostgresMigrator.LatestVersion + 1 });
        }

        var error = Assert.Throws<StoreException>(() => PostgresArchive.Open(connectionString));
        Assert.Contains($"is at schema version {PostgresMigrator.LatestVersion + 1}, newer than this build knows ({PostgresMigrator.LatestVersion})", error.Message);
    }

    [PostgresFact]
    public void UnreachableServerNamesWhereItLooked()
    {
        var closed = new NpgsqlConnectionStringBuilder(postgres.Cluster.ConnectionString("nowhere")) { Port = 1, Timeout = 2 }.ToString();

        var error = Assert.Throws<StoreException>(() => PostgresArchive.Open(closed));
        Assert.StartsWith("store: cannot open the PostgreSQL archive 127.0.0.1:1/nowhere: ", error.Message);
    }

    [PostgresFact]
    public void MissingDatabaseNamesIt()
    {
        var error = Assert.Throws<StoreException>(() => PostgresArchive.Open(postgres.Cluster.ConnectionString("no_such_archive")));
        Assert.Contains("no_such_archive", error.Message);
        Assert.Contains("does not exist", error.Message);
    }
}
