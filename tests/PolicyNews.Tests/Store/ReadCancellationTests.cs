using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests.Store;

/// <summary>
/// A cancelled read stops inside SQLite (how a search past its time limit ends), and leaves the
/// connection pool fit for the next read.
/// </summary>
public sealed class ReadCancellationTests : IDisposable
{
    // Counts to ten billion: minutes of work, so only an interrupt ends it within the test.
    const string Endless = """
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 10000000000)
        SELECT max(i) FROM n
        """;

    readonly TempFolder dir = new();
    readonly ArchiveDatabase database;

    public ReadCancellationTests() => database = ArchiveDatabase.Open(dir["archive.db"], SearchSqlFunctions.Register);

    [Fact]
    public async Task ACancelledReadIsInterruptedMidQuery()
    {
        using var cancel = new CancellationTokenSource();
        var read = Task.Run(() => database.Read("count forever", session =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(100));
            return session.QuerySingleOrDefault<long>(Endless);
        }, cancel.Token));

        var stopped = await Assert.ThrowsAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(60)));
        // Stopped by SQLite itself (SQLITE_INTERRUPT), not by a check between queries.
        Assert.Equal(9, Assert.IsType<SqliteException>(stopped.InnerException).SqliteErrorCode);
        Assert.Equal(cancel.Token, stopped.CancellationToken);
    }

    [Fact]
    public void AReadCancelledBeforeItStartsRunsNoQuery()
    {
        var ran = false;
        Assert.Throws<OperationCanceledException>(() => database.Read("count", session => ran = true, new CancellationToken(canceled: true)));
        Assert.False(ran);
    }

    [Fact]
    public async Task TheNextReadAfterAnInterruptWorks()
    {
        using var cancel = new CancellationTokenSource();
        var read = Task.Run(() => database.Read("count forever", session =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return session.QuerySingleOrDefault<long>(Endless);
        }, cancel.Token));
        await Assert.ThrowsAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(60)));

        // The pooled connection the interrupt hit is the one handed out next.
        for (var i = 0; i < 3; i++)
            Assert.Equal(3, database.Read("count to three", session => session.QuerySingleOrDefault<long>(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 3) SELECT max(i) FROM n")));
    }

    public void Dispose()
    {
        database.Dispose();
        dir.Dispose();
    }
}
