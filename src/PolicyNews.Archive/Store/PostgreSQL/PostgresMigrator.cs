using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PolicyNews.Archive.Store.PostgreSQL;

/// <summary>
/// Applies the embedded <c>PostgreSQL/Migrations/NNN_name.sql</c> scripts in order, as
/// <see cref="Migrator"/> does for SQLite: the version is the number of scripts applied, kept in the
/// one-row table <c>schema_version</c> (PostgreSQL has no <c>user_version</c>), and each script runs
/// in its own transaction with the version bump. Several web nodes may start at once on one empty
/// database: each step first takes a transaction-level advisory lock, so one node applies it and the
/// others, waiting on the lock, find it done.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>The advisory lock key of schema changes (any 64-bit number no other program on the database uses).</summary>
    public const long MigrationLock = 0x506F_6C69_6379_0001;   // "Policy" 1

    public static IReadOnlyList<Migrator.Migration> All { get; } = Migrator.Load("pg-migrations/");

    public static int LatestVersion => All.Count;

    /// <summary>The schema version; 0 for a database PolicyNews never migrated.</summary>
    public static int CurrentVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction = null) =>
        connection.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NOT NULL", transaction: transaction)
            ? connection.ExecuteScalar<int>("SELECT version FROM schema_version", transaction: transaction)
            : 0;

    /// <summary>Brings the database up to <see cref="LatestVersion"/>; returns how many scripts this call ran.</summary>
    public static int Migrate(NpgsqlConnection connection, ILogger logger)
    {
        var applied = 0;
        while (true)
        {
            using var tx = connection.BeginTransaction();
            connection.Execute("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, tx);
            var current = CurrentVersion(connection, tx);
            if (current > All.Count)
                throw new StoreException($"store: the PostgreSQL archive {Describe(connection)} is at schema version {current}, newer than " +
                                         $"this build knows ({All.Count}): a newer build migrated it; run that build");
            if (current == All.Count)
            {
                tx.Commit();
                return applied;
            }

            var migration = All[current];
            try
            {
                connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", transaction: tx);
                connection.Execute(migration.Sql, transaction: tx);
                connection.Execute("DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (@Number)", new { migration.Number }, tx);
                tx.Commit();
            }
            catch (PostgresException ex)
            {
                throw new StoreException($"store: unable to apply PostgreSQL migration {migration.Name} to {Describe(connection)}", ex);
            }
            applied++;
            logger.LogInformation("store: applied PostgreSQL migration {Migration}", migration.Name);
        }
    }

    /// <summary>Where the archive is, for messages: host, port and database, never the password.</summary>
    public static string Describe(NpgsqlConnection connection) => $"{connection.Host}:{connection.Port}/{connection.Database}";
}
