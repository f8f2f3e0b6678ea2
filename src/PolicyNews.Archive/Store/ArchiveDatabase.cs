using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SQLitePCL;

namespace PolicyNews.Archive.Store;

/// <summary>
/// The archive's SQLite file. <see cref="Open"/> checks the file, creates it (and its folder) when
/// missing and brings the schema up to date. Reads go through <see cref="Read{T}"/>, which times and
/// logs them, runs them in one snapshot, and wraps failures with what was being done.
/// </summary>
public sealed class ArchiveDatabase : IDisposable
{
    /// <summary>
    /// How long a connection waits for a lock (the importer's commit, another importer) before it
    /// fails: SQLite's busy handler and Microsoft.Data.Sqlite's own retry (its "Default Timeout",
    /// 30 s unless set) both get this, so a locked database fails after 5 s as docs/operations.md says.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    readonly string connectionString;
    readonly string unpooledConnectionString;
    readonly ILogger logger;

    ArchiveDatabase(string path, bool readOnly, ILogger logger)
    {
        FilePath = path;
        ReadOnly = readOnly;
        this.logger = logger;
        // Never ReadWriteCreate after Open: a file deleted under a running process must fail its
        // reads (and its readiness check), not be replaced by an empty database.
        var mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite;
        connectionString = ConnectionString(path, mode, pooling: true);
        unpooledConnectionString = ConnectionString(path, mode, pooling: false);
    }

    public string FilePath { get; }

    /// <summary>The file could only be opened for reading (write-protected file, immutable file, read-only mount).</summary>
    public bool ReadOnly { get; }

    /// <summary>The <see cref="QuickCheck"/> that <see cref="Open"/> ran when asked to (<see cref="ArchiveOpenOptions.QuickCheck"/>), else null.</summary>
    public IntegrityCheck? CheckedAtOpen { get; private set; }

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/> and migrates it, with the
    /// SQL functions the migrations call (<see cref="Migrator.Migrate"/>). A file that cannot be an
    /// archive — a folder, not SQLite, cut short, damaged (with <see cref="ArchiveOpenOptions.QuickCheck"/>),
    /// from a newer build — throws a <see cref="StoreException"/> naming the file and the fault, before
    /// anything is written to it. A write-protected file is refused unless
    /// <see cref="ArchiveOpenOptions.AllowReadOnly"/>.
    /// </summary>
    public static ArchiveDatabase Open(string path, Action<SqliteConnection> sqlFunctions, ILogger? logger = null, ArchiveOpenOptions? options = null)
    {
        options ??= new ArchiveOpenOptions();
        var allowReadOnly = options.AllowReadOnly;
        var fullPath = Path.GetFullPath(path);
        DatabaseFile.Check(fullPath);
        var existed = File.Exists(fullPath);
        var readOnly = false;
        try
        {
            var folder = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);

            // The one connection allowed to create the file. SQLite opens a write-protected file
            // read-only instead of failing, so ask it which it did.
            using var first = new SqliteConnection(ConnectionString(fullPath, SqliteOpenMode.ReadWriteCreate, pooling: false));
            first.Open();
            readOnly = raw.sqlite3_db_readonly(first.Handle, "main") == 1;
            if (readOnly && !allowReadOnly)
                throw new StoreException($"store: {fullPath} is read-only; this program writes to it");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"store: cannot create the folder of {fullPath}: {ex.Message}", ex);
        }
        catch (SqliteException ex)
        {
            throw new StoreException(existed ? $"store: cannot open {fullPath}" : $"store: cannot create {fullPath}", ex);
        }

        var database = new ArchiveDatabase(fullPath, readOnly, logger ?? NullLogger.Instance);
        try
        {
            // Cheapest first, and nothing written until the file has passed every check.
            using var connection = database.OpenConnection();
            Migrator.EnsureOpenable(connection, writable: !readOnly);
            if (options.QuickCheck)
                database.CheckedAtOpen = database.RunQuickCheck();
            if (!readOnly)
                Migrator.Migrate(connection, sqlFunctions, database.logger);
        }
        catch (SqliteException ex) when (readOnly && ex.SqliteErrorCode == raw.SQLITE_CANTOPEN)
        {
            database.Dispose();
            throw new StoreException($"store: cannot read {fullPath}: it is read-only, and SQLite cannot create {fullPath}-shm " +
                                     "beside it (a WAL database needs that file; the folder is read-only too)", ex);
        }
        catch (SqliteException ex)
        {
            database.Dispose();
            throw new StoreException($"store: cannot open {fullPath}", ex);
        }
        catch
        {
            database.Dispose();
            throw;
        }
        return database;
    }

    static string ConnectionString(string path, SqliteOpenMode mode, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = pooling,
        DefaultTimeout = (int)BusyTimeout.TotalSeconds,
    }.ToString();

    /// <summary>
    /// A new connection in WAL mode (readers never wait for the importer) with foreign keys enforced
    /// (SQLite leaves them off per connection) and a busy timeout instead of instant SQLITE_BUSY.
    /// A read-only database keeps the journal mode it has (changing it would write).
    /// </summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            connection.Execute($"""
                {(ReadOnly ? "" : "PRAGMA journal_mode = WAL;")}
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};
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
    /// SQLite's <c>PRAGMA quick_check</c>: every page reachable and readable, every b-tree well formed
    /// (it skips matching index entries to table rows, which <c>integrity_check</c> adds). Returns the
    /// problems found (at most <paramref name="limit"/>), none for a sound file. It reads the whole
    /// file, so it takes time in proportion to its size (docs/operations.md has figures).
    /// </summary>
    public IReadOnlyList<string> QuickCheck(int limit = 10)
    {
        if (limit < 1)
            throw new ArgumentOutOfRangeException(nameof(limit));
        try
        {
            using var connection = OpenConnection();
            var rows = connection.Query<string>($"PRAGMA quick_check({limit})").AsList();
            // Rows may span lines, the first opening with "*** in database main ***".
            return rows is ["ok"] ? [] : rows.Select(OneLine).ToList();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_CORRUPT or raw.SQLITE_NOTADB)
        {
            // Damage bad enough that the check itself cannot run (e.g. the schema page).
            return [OneLine(ex.Message)];
        }

        static string OneLine(string text) => string.Join(' ', text.Replace("*** in database main ***", "")
            .Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>
    /// The schema version, read through a connection opened afresh rather than taken from the pool
    /// (a pooled connection keeps reading a file deleted since it opened): for readiness checks.
    /// </summary>
    public int ProbeSchemaVersion()
    {
        try
        {
            using var connection = new SqliteConnection(unpooledConnectionString);
            connection.Open();
            connection.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            return Migrator.CurrentVersion(connection);
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"store: cannot read {FilePath}", ex);
        }
    }

    IntegrityCheck RunQuickCheck()
    {
        var started = Stopwatch.GetTimestamp();
        var problems = QuickCheck();
        var check = new IntegrityCheck(problems, Stopwatch.GetElapsedTime(started), DateTimeOffset.UtcNow);
        if (problems.Count > 0)
            throw new StoreException($"store: {FilePath} is damaged: SQLite's quick_check found " +
                                     $"{(problems.Count >= 10 ? "10 or more problems" : problems.Count == 1 ? "a problem" : $"{problems.Count} problems")}: " +
                                     string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? "; …" : ""));
        logger.LogInformation("store: quick_check of {Database}: ok in {Elapsed:0} ms", FilePath, check.Took.TotalMilliseconds);
        return check;
    }

    /// <summary>
    /// Moves every committed page from the WAL into the main file and empties the WAL
    /// (<c>wal_checkpoint(TRUNCATE)</c>). Readers that hold an older snapshot for longer than the busy
    /// timeout leave it incomplete (<see cref="WalCheckpoint.Complete"/> false): normal in WAL mode,
    /// a later checkpoint finishes it. A failed write (disk full, I/O error) throws
    /// <see cref="StoreException"/>; the commit is still safe in the WAL.
    /// </summary>
    public WalCheckpoint Checkpoint()
    {
        try
        {
            using var connection = OpenConnection();
            var (busy, log, moved) = connection.QuerySingle<(int, int, int)>("PRAGMA wal_checkpoint(TRUNCATE)");
            return new WalCheckpoint(busy != 0, log, moved);
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"store: unable to checkpoint {FilePath}", ex);
        }
    }

    /// <summary>
    /// Runs one logical read (possibly several queries) in a single read transaction, so a page
    /// never mixes rows from before and after an import. <paramref name="what"/> completes the
    /// sentence "store: unable to …", e.g. <c>load article 'x'</c>.
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> stops the read: checked before each query, and a query
    /// already running is interrupted inside SQLite (<c>sqlite3_interrupt</c>; Microsoft.Data.Sqlite's
    /// own <c>Cancel</c> does nothing). A stopped read throws <see cref="OperationCanceledException"/>.
    /// </remarks>
    public T Read<T>(string what, Func<ReadSession, T> read, CancellationToken cancellationToken = default) =>
        TimedRead.Run(logger, what, cancellationToken, () =>
        {
            using var connection = OpenConnection();
            using var tx = connection.BeginTransaction(deferred: true);
            // Disposed first (declared last): it waits for a running callback, so the interrupt
            // never reaches a connection that is being closed or rolled back.
            using var interrupt = cancellationToken.Register(() => raw.sqlite3_interrupt(connection.Handle));
            var session = new ReadSession(connection, tx, logger, cancellationToken);
            var result = read(session);
            tx.Commit();
            return (result, session.Queries);
        });

    /// <summary>Closes pooled connections so the WAL is checkpointed and the file can be copied or deleted.</summary>
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(connectionString));
}
