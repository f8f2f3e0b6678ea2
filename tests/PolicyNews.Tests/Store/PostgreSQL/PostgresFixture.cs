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

    public void Dispose()
    {
        if (cluster.IsValueCreated)
            cluster.Value.Dispose();
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
