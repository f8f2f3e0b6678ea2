using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace PolicyNews.Archive.Store.PostgreSQL;

/// <summary>
/// The archive in a PostgreSQL database: the counterpart of <see cref="ArchiveDatabase"/> for the
/// <c>PostgreSQL</c> provider (docs/postgresql.md). <see cref="Open"/> migrates the schema;
/// <see cref="Read{T}"/> runs one logical read in one snapshot (REPEATABLE READ, read only), timed,
/// logged and wrapped like SQLite's, through the same <see cref="ReadSession"/>, so a store's SQL
/// and Dapper mapping serve both.
/// </summary>
public sealed class PostgresArchive : IDisposable
{
    readonly NpgsqlDataSource dataSource;
    readonly ILogger logger;

    PostgresArchive(NpgsqlDataSource dataSource, string description, ILogger logger)
    {
        this.dataSource = dataSource;
        this.logger = logger;
        Description = description;
    }

    /// <summary>host:port/database, for messages (never the password).</summary>
    public string Description { get; }

    /// <summary>
    /// Connects to the database <paramref name="connectionString"/> names and brings its schema up to
    /// date (unless <paramref name="migrate"/> is false: a read replica, which cannot be written, gets
    /// its schema from the primary). An unreachable server, a refused login or a missing database
    /// throws a <see cref="StoreException"/> naming host, port and database.
    /// </summary>
    public static PostgresArchive Open(string connectionString, ILogger? logger = null, bool migrate = true)
    {
        logger ??= NullLogger.Instance;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StoreException($"store: the PostgreSQL connection string is not valid: {ex.Message}", ex);
        }
        var description = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var archive = new PostgresArchive(NpgsqlDataSource.Create(builder), description, logger);
        try
        {
            using var connection = archive.OpenConnection();
            if (migrate)
                PostgresMigrator.Migrate(connection, logger);
            return archive;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            archive.Dispose();
            throw new StoreException($"store: cannot open the PostgreSQL archive {description}: {ex.Message}", ex);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>host:port/database of a connection string, for messages (never the password); the string itself when it cannot be read.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        }
        catch (ArgumentException)
        {
            return "(a PostgreSQL connection string that cannot be read)";
        }
    }

    public NpgsqlConnection OpenConnection() => dataSource.OpenConnection();

    /// <summary>
    /// As <see cref="ArchiveDatabase.Read{T}"/>: one snapshot, so a page never mixes rows from before and
    /// after an import's commit. A cancelled token asks the server to cancel the running statement.
    /// </summary>
    public T Read<T>(string what, Func<ReadSession, T> read, CancellationToken cancellationToken = default) =>
        TimedRead.Run(logger, what, cancellationToken, () =>
        {
            using var connection = OpenConnection();
            using var tx = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            connection.Execute("SET TRANSACTION READ ONLY", transaction: tx);
            using var cancel = cancellationToken.Register(() => CancelBackend(connection.ProcessID));
            var session = new ReadSession(connection, tx, logger, cancellationToken);
            var result = read(session);
            tx.Commit();
            return (result, session.Queries);
        });

    /// <summary>Cancels whatever the server process <paramref name="pid"/> runs (SQLite's interrupt, over a second connection).</summary>
    void CancelBackend(int pid)
    {
        try
        {
            using var connection = OpenConnection();
            connection.Execute("SELECT pg_cancel_backend(@pid)", new { pid });
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "store: could not cancel a read on {Archive}", Description);
        }
    }

    public void Dispose() => dataSource.Dispose();
}
