using Npgsql;
using PolicyNews.Archive.Store;
using PolicyNews.Tests.Store.PostgreSQL;

namespace PolicyNews.Tests;

/// <summary>
/// The provider the suite's archive fixtures use (<see cref="Web.PortalFixture"/>,
/// <see cref="Search.SeedArchive"/>): SQLite unless the environment variable
/// <c>POLICYNEWS_TEST_PROVIDER=PostgreSQL</c> asks for PostgreSQL, which <c>.ci/run</c> sets for its
/// second run. Then one throw-away cluster (<see cref="PostgresCluster"/>) serves the whole test
/// process, each fixture in a database of its own; it stops when the process exits.
/// </summary>
public static class TestProvider
{
    public const string Variable = "POLICYNEWS_TEST_PROVIDER";

    public static ArchiveProvider Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable), "PostgreSQL", StringComparison.OrdinalIgnoreCase)
            ? ArchiveProvider.PostgreSQL
            : ArchiveProvider.Sqlite;

    public static bool IsPostgres => Current == ArchiveProvider.PostgreSQL;

    static readonly Lazy<PostgresCluster> cluster = new(() =>
    {
        if (PostgresCluster.Unavailable is { } why)
            throw new InvalidOperationException($"{Variable}=PostgreSQL, but {why}");
        var started = PostgresCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Dispose();
        return started;
    });

    /// <summary>A new empty database in the process's cluster, with pooled connections (a portal reads over many).</summary>
    public static string NewPostgresDatabase() =>
        new NpgsqlConnectionStringBuilder(cluster.Value.CreateDatabase()) { Pooling = true }.ToString();
}

/// <summary>A test of something only SQLite has (its file, WAL, its locks, its own SQL): skipped, saying why, on PostgreSQL.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string why)
    {
        if (TestProvider.IsPostgres)
            Skip = $"SQLite only: {why}";
    }
}

/// <summary>The <see cref="SqliteOnlyFactAttribute"/> of theories.</summary>
public sealed class SqliteOnlyTheoryAttribute : TheoryAttribute
{
    public SqliteOnlyTheoryAttribute(string why)
    {
        if (TestProvider.IsPostgres)
            Skip = $"SQLite only: {why}";
    }
}
