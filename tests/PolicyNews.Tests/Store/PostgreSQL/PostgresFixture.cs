using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Tests.Store.PostgreSQL;

/// <summary>
/// One throw-away cluster for every PostgreSQL test of the run (starting one takes a couple of
/// seconds); each test makes its own database in it (<see cref="PostgresCluster.CreateDatabase"/>).
/// Nothing starts when PostgreSQL is missing: the tests are then reported as skipped.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    readonly Lazy<PostgresCluster> cluster = new(PostgresCluster.Start);

    public PostgresCluster Cluster => cluster.Value;

    /// <summary>The sample story imported into <paramref name="archive"/> (SQLite) and copied into a fresh PostgreSQL database; the caller disposes both.</summary>
    /// <summary><paramref name="story"/> (by default <see cref="SmallArchive.Story"/>) imported as story.txt into SQLite and copied into PostgreSQL.</summary>
    public BothArchives StoryOnBoth(SmallArchive archive, string story = SmallArchive.Story)
    {
        var import = archive.Import(archive.Write("story.txt", story));
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        var sqlite = ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register);
        var postgres = PostgresArchive.Open(Cluster.CreateDatabase());
        ArchiveCopy.Copy(sqlite, postgres);
        return new BothArchives(sqlite, postgres);
    }

    public void Dispose()
    {
        if (cluster.IsValueCreated)
            cluster.Value.Dispose();
    }
}

/// <summary>One archive open on both providers.</summary>
public sealed record BothArchives(ArchiveDatabase Sqlite, PostgresArchive Postgres) : IDisposable
{
    public void Dispose()
    {
        Postgres.Dispose();
        Sqlite.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>A test that needs a PostgreSQL server: skipped, saying how to install one, where there is none.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.Unavailable is { } why) Skip = why;
    }
}

/// <summary>The same for data-driven tests.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresCluster.Unavailable is { } why) Skip = why;
    }
}
