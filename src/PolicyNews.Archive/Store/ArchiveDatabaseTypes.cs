using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PolicyNews.Archive.Store;

/// <summary>How <see cref="ArchiveDatabase.Open"/> is to treat the file beyond the defaults (write access required, no integrity check).</summary>
public sealed record ArchiveOpenOptions
{
    /// <summary>Open a write-protected file for reading instead of refusing it, provided its schema is current (migrating would write).</summary>
    public bool AllowReadOnly { get; init; }

    /// <summary>Run <see cref="ArchiveDatabase.QuickCheck"/> before migrating, and refuse a damaged file.</summary>
    public bool QuickCheck { get; init; }

    /// <summary>
    /// With <see cref="QuickCheck"/>: check only a file of at most this many bytes at open (null: any
    /// size). A larger one opens unchecked, with <see cref="ArchiveDatabase.IntegrityCheckPending"/>
    /// set, for the caller to check while it serves (<see cref="ArchiveDatabase.CheckIntegrity"/>):
    /// <c>quick_check</c> reads the whole file, about 100 s for 3 GB on a busy 2-core machine.
    /// </summary>
    public long? QuickCheckUpToBytes { get; init; }
}

/// <summary>A <c>quick_check</c>: its problems (none: sound), how long it took, when it ran.</summary>
public sealed record IntegrityCheck(IReadOnlyList<string> Problems, TimeSpan Took, DateTimeOffset At)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// What <see cref="ArchiveDatabase.Checkpoint"/> did: <paramref name="Busy"/> when readers kept it from
/// finishing; <paramref name="WalPages"/> pages were in the WAL, <paramref name="MovedPages"/> of them
/// are now in the main file (both 0 once the WAL is truncated).
/// </summary>
public sealed record WalCheckpoint(bool Busy, int WalPages, int MovedPages)
{
    /// <summary>The main file alone holds every commit.</summary>
    public bool Complete => !Busy || MovedPages == WalPages;
}

/// <summary>The queries of one <see cref="ArchiveDatabase.Read{T}"/> (or <see cref="PostgreSQL.PostgresArchive.Read{T}"/>): Dapper calls with timing, none started once the read is cancelled.</summary>
public sealed class ReadSession(DbConnection connection, DbTransaction transaction, ILogger logger, CancellationToken cancellationToken = default)
{
    public int Queries { get; private set; }

    /// <summary>The pieces of SQL the session's provider spells its own way.</summary>
    public ArchiveSql Sql { get; } = ArchiveSql.For(connection);

    public List<T> Query<T>(string sql, object? parameters = null) =>
        Timed(sql, () => connection.Query<T>(sql, parameters, transaction).AsList());

    /// <summary>
    /// Rows one at a time as SQLite steps through them (Dapper unbuffered), for answers too large to
    /// hold: consume them inside the read. Counted and logged once, when the last row is read.
    /// </summary>
    public IEnumerable<T> Stream<T>(string sql, object? parameters = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        foreach (var row in connection.Query<T>(sql, parameters, transaction, buffered: false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
        Queries++;
        logger.LogTrace("store: {Elapsed:0.00} ms streamed {Sql}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, sql);
    }

    public T? QuerySingleOrDefault<T>(string sql, object? parameters = null) =>
        Timed(sql, () => connection.QuerySingleOrDefault<T>(sql, parameters, transaction));

    T Timed<T>(string sql, Func<T> run)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var result = run();
        Queries++;
        logger.LogTrace("store: {Elapsed:0.00} ms {Sql}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, sql);
        return result;
    }
}

/// <summary>
/// What every read does around its queries, on either provider: stop before starting when already
/// cancelled, time and log it (a warning past <see cref="Slow"/>), turn a database failure into a
/// <see cref="StoreException"/> ("store: unable to …") and a cancelled one into
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal static class TimedRead
{
    static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(200);

    /// <summary><paramref name="read"/> opens the snapshot, runs the queries and commits; it returns its result and how many queries it ran.</summary>
    public static T Run<T>(ILogger logger, string what, CancellationToken cancellationToken, Func<(T Result, int Queries)> read)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (result, queries) = read();
            var elapsed = Stopwatch.GetElapsedTime(started);
            logger.Log(elapsed > Slow ? LogLevel.Warning : LogLevel.Debug,
                "store: {What} took {Elapsed:0.0} ms in {Queries} queries", what, elapsed.TotalMilliseconds, queries);
            return result;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is DbException or OperationCanceledException)
        {
            logger.LogWarning("store: {What} stopped after {Elapsed:0.0} ms: cancelled", what, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new OperationCanceledException($"store: {what} was stopped", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or InvalidCastException or FormatException)
        {
            throw new StoreException($"store: unable to {what}", ex);
        }
    }
}

/// <summary>Where the archive is kept: <c>Archive:Provider</c> (docs/operations.md).</summary>
public enum ArchiveProvider { Sqlite, PostgreSQL }

/// <summary>
/// An import's write transaction, begun by <see cref="ArchiveDatabase.BeginWrite"/> with the archive's
/// write lock held: the writers run their statements on <see cref="Connection"/> in
/// <see cref="Transaction"/>. Disposed without <see cref="Commit"/>, it rolls back.
/// </summary>
public sealed class ArchiveWrite(DbConnection connection, DbTransaction transaction) : IDisposable
{
    /// <summary>The page cache of SQLite's writing connection during a run (SQLite's default is 2 MB).</summary>
    internal const int SqliteCacheKilobytes = 64 * 1024;

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;
    public ArchiveSql Sql { get; } = ArchiveSql.For(connection);

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        Transaction.Dispose();
        // The connection goes back to the pool (the web host's import-on-empty reads with it later).
        if (!Sql.IsPostgres && Connection.State == System.Data.ConnectionState.Open)
            Connection.Execute("PRAGMA cache_size = -2000");
        Connection.Dispose();
    }
}
