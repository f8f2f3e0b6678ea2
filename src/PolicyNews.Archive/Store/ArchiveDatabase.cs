using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PolicyNews.Archive.Store.PostgreSQL;
using SQLitePCL;

namespace PolicyNews.Archive.Store;

/// <summary>
/// The archive, on either provider (docs/postgresql.md, "The seam"): an SQLite file
/// (<see cref="Open"/> checks the file, creates it and its folder when missing and brings the schema
/// up to date) or a PostgreSQL database (<see cref="OpenPostgres"/>: migrates the primary, and may
/// read from a replica). Reads go through <see cref="Read{T}"/>, which times and logs them, runs
/// them in one snapshot, and wraps failures with what was being done; an import writes through
/// <see cref="BeginWrite"/>. The stores use only these and <see cref="Sql"/>, so they serve both.
/// </summary>
public sealed class ArchiveDatabase : IDisposable
{
    /// <summary>
    /// How long a connection waits for a lock (the importer's commit, another importer) before it
    /// fails: SQLite's busy handler and Microsoft.Data.Sqlite's own retry (its "Default Timeout",
    /// 30 s unless set) both get this, so a locked database fails after 5 s as docs/operations.md says.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The advisory lock key of imports on PostgreSQL (SQLite's write lock: one importer at a time).</summary>
    public const long ImportLock = 0x506F_6C69_6379_0002;   // "Policy" 2

    readonly string connectionString = "";
    readonly string unpooledConnectionString = "";
    readonly ILogger logger;
    readonly PostgresArchive? primary;
    readonly PostgresArchive? replica;

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

    ArchiveDatabase(PostgresArchive primary, PostgresArchive? replica, ILogger logger)
    {
        this.primary = primary;
        this.replica = replica;
        this.logger = logger;
        FilePath = "";
    }

    /// <summary>The SQLite file; empty for a PostgreSQL archive.</summary>
    public string FilePath { get; }

    public ArchiveProvider Provider => primary is null ? ArchiveProvider.Sqlite : ArchiveProvider.PostgreSQL;

    /// <summary>The pieces of SQL this provider spells its own way.</summary>
    public ArchiveSql Sql => primary is null ? ArchiveSql.Sqlite : ArchiveSql.PostgreSQL;

    /// <summary>Where the archive is, for messages: the file, or host:port/database of the primary (never a password).</summary>
    public string Description => primary is null ? FilePath
        : replica is null ? primary.Description : $"{primary.Description} (reads from {replica.Description})";

    /// <summary>The schema version this build migrates the archive to.</summary>
    public int LatestSchemaVersion => primary is null ? Migrator.LatestVersion : PostgresMigrator.LatestVersion;

    /// <summary>
    /// Opens the PostgreSQL archive <paramref name="connectionString"/> names and migrates it (several
    /// nodes at once: the migrator's advisory lock lets one do it). With
    /// <paramref name="readConnectionString"/> (a streaming replica), reads go there and only imports
    /// and migrations use the primary. An unreachable server or a refused login throws a
    /// <see cref="StoreException"/> naming host, port and database. A command that only reads passes
    /// <paramref name="migrate"/> false, so that it never creates or changes a schema.
    /// </summary>
    public static ArchiveDatabase OpenPostgres(string connectionString, string? readConnectionString = null, ILogger? logger = null,
        bool migrate = true)
    {
        logger ??= NullLogger.Instance;
        var primary = PostgresArchive.Open(connectionString, logger, migrate);
        try
        {
            var replica = string.IsNullOrWhiteSpace(readConnectionString) ? null : PostgresArchive.Open(readConnectionString, logger, migrate: false);
            return new ArchiveDatabase(primary, replica, logger);
        }
        catch
        {
            primary.Dispose();
            throw;
        }
    }

    /// <summary>The file could only be opened for reading (write-protected file, immutable file, read-only mount).</summary>
    public bool ReadOnly { get; }

    /// <summary>
    /// The latest <see cref="CheckIntegrity"/>: the one <see cref="Open"/> ran when asked to
    /// (<see cref="ArchiveOpenOptions.QuickCheck"/>) or a later one; null while none has finished.
    /// </summary>
    public IntegrityCheck? Integrity { get => integrity; private set => integrity = value; }
    volatile IntegrityCheck? integrity;

    /// <summary>
    /// <see cref="Open"/> was asked to check the file but left it for later, the file being larger
    /// than <see cref="ArchiveOpenOptions.QuickCheckUpToBytes"/>; false again once <see cref="CheckIntegrity"/> has run.
    /// </summary>
    public bool IntegrityCheckPending => integrityCheckPending;
    volatile bool integrityCheckPending;

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
            using var connection = database.OpenSqliteConnection();
            Migrator.EnsureOpenable(connection, writable: !readOnly);
            if (options.QuickCheck && new FileInfo(fullPath).Length > (options.QuickCheckUpToBytes ?? long.MaxValue))
                database.integrityCheckPending = true;
            else if (options.QuickCheck)
                database.RefuseIfDamaged(database.CheckIntegrity());
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
    public DbConnection OpenConnection() => primary is null ? OpenSqliteConnection() : primary.OpenConnection();

    SqliteConnection OpenSqliteConnection()
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
        if (primary is not null)
            throw new NotSupportedException("quick_check is SQLite's; PostgreSQL checks its pages itself (data checksums)");
        try
        {
            using var connection = OpenSqliteConnection();
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
        if (primary is not null)
            return ProbePostgres(replica ?? primary);
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

    /// <summary>PostgreSQL's pooled connections see the server as it is now: a stopped server or a dropped database fails here.</summary>
    static int ProbePostgres(PostgresArchive archive)
    {
        try
        {
            using var connection = archive.OpenConnection();
            return PostgresMigrator.CurrentVersion(connection);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new StoreException($"store: cannot read the PostgreSQL archive {archive.Description}", ex);
        }
    }

    /// <summary>
    /// Runs <see cref="QuickCheck"/>, keeps the result as <see cref="Integrity"/> (what readiness
    /// reports) and returns it; damage is a result, not an exception (<see cref="Describe"/> words it).
    /// Safe beside readers and the importer: it reads one WAL snapshot.
    /// </summary>
    public IntegrityCheck CheckIntegrity()
    {
        var started = Stopwatch.GetTimestamp();
        var check = new IntegrityCheck(QuickCheck(), Stopwatch.GetElapsedTime(started), DateTimeOffset.UtcNow);
        Integrity = check;
        integrityCheckPending = false;
        if (check.Ok)
            logger.LogInformation("store: quick_check of {Database}: ok in {Elapsed:0} ms", FilePath, check.Took.TotalMilliseconds);
        return check;
    }

    /// <summary>What a failed <paramref name="check"/> found, in one line naming the file.</summary>
    public string Describe(IntegrityCheck check) =>
        $"store: {FilePath} is damaged: SQLite's quick_check found " +
        $"{(check.Problems.Count >= 10 ? "10 or more problems" : check.Problems.Count == 1 ? "a problem" : $"{check.Problems.Count} problems")}: " +
        string.Join("; ", check.Problems.Take(3)) + (check.Problems.Count > 3 ? "; …" : "");

    void RefuseIfDamaged(IntegrityCheck check)
    {
        if (!check.Ok)
            throw new StoreException(Describe(check));
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
        if (primary is not null)
            return new WalCheckpoint(false, 0, 0);   // PostgreSQL checkpoints on its own
        try
        {
            using var connection = OpenSqliteConnection();
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
        primary is not null ? (replica ?? primary).Read(what, read, cancellationToken) : TimedRead.Run(logger, what, cancellationToken, () =>
        {
            using var connection = OpenSqliteConnection();
            using var tx = connection.BeginTransaction(deferred: true);
            // Disposed first (declared last): it waits for a running callback, so the interrupt
            // never reaches a connection that is being closed or rolled back.
            using var interrupt = cancellationToken.Register(() => raw.sqlite3_interrupt(connection.Handle));
            var session = new ReadSession(connection, tx, logger, cancellationToken);
            var result = read(session);
            tx.Commit();
            return (result, session.Queries);
        });

    /// <summary>
    /// Begins an import's write transaction on the primary, holding the archive's write lock until it
    /// ends: SQLite <c>BEGIN IMMEDIATE</c> (with a bigger page cache: a run writes far more pages than
    /// the default 2 MB hold); PostgreSQL <c>BEGIN</c> and the advisory lock <see cref="ImportLock"/>.
    /// A second writer waits up to <see cref="BusyTimeout"/> on either (PostgreSQL's
    /// <c>lock_timeout</c>), then fails: SQLITE_BUSY, or PostgreSQL's lock_not_available (55P03).
    /// Readers keep seeing the last commit meanwhile (WAL, MVCC), never half an import.
    /// </summary>
    public ArchiveWrite BeginWrite()
    {
        var connection = OpenConnection();
        try
        {
            if (primary is null)
            {
                connection.Execute($"PRAGMA cache_size = -{ArchiveWrite.SqliteCacheKilobytes}");
                return new ArchiveWrite(connection, ((SqliteConnection)connection).BeginTransaction(deferred: false));
            }
            var tx = connection.BeginTransaction();
            connection.Execute($"SET LOCAL lock_timeout = {(int)BusyTimeout.TotalMilliseconds}; SELECT pg_advisory_xact_lock(@ImportLock)",
                new { ImportLock }, tx);
            return new ArchiveWrite(connection, tx);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The advisory lock key of the web host's first-start seed import on PostgreSQL.</summary>
    public const long SeedLock = 0x506F_6C69_6379_0003;   // "Policy" 3

    /// <summary>
    /// Runs <paramref name="seed"/> (count the articles, import the seeds when there are none) while no
    /// other process does: on PostgreSQL under a session advisory lock, waited for as long as it takes
    /// (the first node's import); on SQLite directly (one file, one portal).
    /// </summary>
    public T WhileSeeding<T>(Func<T> seed)
    {
        if (primary is null)
            return seed();
        using var connection = primary.OpenConnection();
        connection.Execute("SELECT pg_advisory_lock(@SeedLock)", new { SeedLock });
        try
        {
            return seed();
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@SeedLock)", new { SeedLock });
        }
    }

    /// <summary>
    /// <see cref="Read{T}"/> on the primary even when reads go to a replica: for what decides a write
    /// (is the archive empty, so the seeds are to be imported?), which must not see a replica's lag.
    /// </summary>
    public T ReadPrimary<T>(string what, Func<ReadSession, T> read, CancellationToken cancellationToken = default) =>
        primary is not null ? primary.Read(what, read, cancellationToken) : Read(what, read, cancellationToken);

    /// <summary>Closes pooled connections so the WAL is checkpointed and the file can be copied or deleted.</summary>
    public void Dispose()
    {
        if (primary is null)
        {
            SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            return;
        }
        replica?.Dispose();
        primary.Dispose();
    }
}
