using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PolicyNews.Archive.Store;

/// <summary>
/// The archive's SQLite file. <see cref="Open"/> creates the file (and its folder) when missing and
/// brings the schema up to date. Reads go through <see cref="Read{T}"/>, which times and logs them,
/// runs them in one snapshot, and wraps failures with what was being done.
/// </summary>
public sealed class ArchiveDatabase : IDisposable
{
    // Long enough to ride out an importer commit while the web host reads.
    const int BusyTimeoutMilliseconds = 5000;
    static readonly TimeSpan SlowRead = TimeSpan.FromMilliseconds(200);

    readonly string connectionString;
    readonly ILogger logger;

    ArchiveDatabase(string path, ILogger logger)
    {
        FilePath = path;
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/> and migrates it, with the
    /// SQL functions the migrations call (<see cref="Migrator.Migrate"/>).
    /// </summary>
    public static ArchiveDatabase Open(string path, Action<SqliteConnection> sqlFunctions, ILogger? logger = null)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);

        var database = new ArchiveDatabase(fullPath, logger ?? NullLogger.Instance);
        try
        {
            using var connection = database.OpenConnection();
            Migrator.Migrate(connection, sqlFunctions, database.logger);
        }
        catch
        {
            database.Dispose();
            throw;
        }
        return database;
    }

    /// <summary>
    /// A new connection in WAL mode (readers never wait for the importer) with foreign keys enforced
    /// (SQLite leaves them off per connection) and a busy timeout instead of instant SQLITE_BUSY.
    /// </summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            connection.Execute($"""
                PRAGMA journal_mode = WAL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = {BusyTimeoutMilliseconds};
                """);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one logical read (possibly several queries) in a single read transaction, so a page
    /// never mixes rows from before and after an import. <paramref name="what"/> completes the
    /// sentence "store: unable to …", e.g. <c>load article 'x'</c>.
    /// </summary>
    public T Read<T>(string what, Func<ReadSession, T> read)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var connection = OpenConnection();
            using var tx = connection.BeginTransaction(deferred: true);
            var session = new ReadSession(connection, tx, logger);
            var result = read(session);
            tx.Commit();

            var elapsed = Stopwatch.GetElapsedTime(started);
            logger.Log(elapsed > SlowRead ? LogLevel.Warning : LogLevel.Debug,
                "store: {What} took {Elapsed:0.0} ms in {Queries} queries", what, elapsed.TotalMilliseconds, session.Queries);
            return result;
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or InvalidCastException or FormatException)
        {
            throw new StoreException($"store: unable to {what}", ex);
        }
    }

    /// <summary>Closes pooled connections so the WAL is checkpointed and the file can be copied or deleted.</summary>
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(connectionString));
}

/// <summary>The queries of one <see cref="ArchiveDatabase.Read{T}"/>: Dapper calls with timing.</summary>
public sealed class ReadSession(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
{
    public int Queries { get; private set; }

    public List<T> Query<T>(string sql, object? parameters = null) =>
        Timed(sql, () => connection.Query<T>(sql, parameters, transaction).AsList());

    public T? QuerySingleOrDefault<T>(string sql, object? parameters = null) =>
        Timed(sql, () => connection.QuerySingleOrDefault<T>(sql, parameters, transaction));

    T Timed<T>(string sql, Func<T> run)
    {
        var started = Stopwatch.GetTimestamp();
        var result = run();
        Queries++;
        logger.LogTrace("store: {Elapsed:0.00} ms {Sql}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, sql);
        return result;
    }
}
