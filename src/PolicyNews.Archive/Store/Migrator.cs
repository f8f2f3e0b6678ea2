using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PolicyNews.Archive.Store;

/// <summary>
/// Applies the embedded <c>Migrations/NNN_name.sql</c> scripts in order. The schema version is the
/// number of scripts applied, kept in <c>PRAGMA user_version</c>; scripts are only ever appended,
/// so script N always moves version N-1 to N. Each script runs in its own transaction together with
/// the version bump, so a failing script leaves the database at the previous version.
/// </summary>
public static partial class Migrator
{
    public sealed record Migration(int Number, string Name, string Sql);

    /// <summary>All migrations, in order, checked to be numbered 1..N without gaps.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load("migrations/");

    public static int LatestVersion => All.Count;

    public static int CurrentVersion(SqliteConnection connection) =>
        connection.ExecuteScalar<int>("PRAGMA user_version");

    /// <summary>
    /// Brings the database up to <see cref="LatestVersion"/>; returns how many scripts ran.
    /// <paramref name="sqlFunctions"/> adds the C# functions the scripts call: migration 005 fills
    /// the search index with search's own tokens (search_words() …), which Store does not compute.
    /// </summary>
    public static int Migrate(SqliteConnection connection, Action<SqliteConnection> sqlFunctions, ILogger logger)
    {
        var current = CurrentVersion(connection);
        if (current > All.Count)
            throw Newer(connection, current);

        sqlFunctions(connection);
        foreach (var migration in All.Skip(current))
        {
            using var tx = connection.BeginTransaction();
            try
            {
                connection.Execute(migration.Sql, transaction: tx);
                // PRAGMA cannot take parameters; Number is an int we parsed ourselves.
                connection.Execute($"PRAGMA user_version = {migration.Number}", transaction: tx);
                tx.Commit();
            }
            catch (SqliteException ex)
            {
                throw new StoreException($"store: unable to apply migration {migration.Name}", ex);
            }
            logger.LogInformation("store: applied migration {Migration}", migration.Name);
        }
        return All.Count - current;
    }

    /// <summary>
    /// Throws unless this build can use the database: not from a newer build, and — when it may not
    /// be written (opened read-only) — already at <see cref="LatestVersion"/>, since migrating writes.
    /// </summary>
    public static void EnsureOpenable(SqliteConnection connection, bool writable)
    {
        var current = CurrentVersion(connection);
        if (current > All.Count)
            throw Newer(connection, current);
        if (current < All.Count && !writable)
        {
            var pending = current + 1 == All.Count ? $"migration {All[^1].Name}" : $"migrations {All[current].Name} … {All[^1].Name}";
            throw new StoreException(
                $"store: {connection.DataSource} is read-only and at schema version {current}; this build needs {All.Count} " +
                $"({pending} must write to it): open it once with write access, or run the importer on it");
        }
    }

    /// <summary>A database migrated by a newer build: older code would misread tables it does not know.</summary>
    static StoreException Newer(SqliteConnection connection, int current) => new(
        $"store: {connection.DataSource} is at schema version {current}, newer than this build knows ({All.Count}): " +
        "a newer build migrated it; run that build, or restore a backup made for this one");

    /// <summary>
    /// The scripts embedded under <paramref name="prefix"/> (the csproj names them): "migrations/" for
    /// SQLite, "pg-migrations/" for PostgreSQL (<see cref="PostgreSQL.PostgresMigrator"/>).
    /// </summary>
    internal static IReadOnlyList<Migration> Load(string prefix)
    {
        var assembly = typeof(Migrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .Select(name => Read(assembly, prefix, name))
            .ToList();

        for (var i = 0; i < migrations.Count; i++)
            if (migrations[i].Number != i + 1)
                throw new StoreException($"store: migration {migrations[i].Name} is out of sequence; expected number {i + 1:000}");
        return migrations;
    }

    static Migration Read(Assembly assembly, string prefix, string fileName)
    {
        var match = MigrationName().Match(fileName);
        if (!match.Success)
            throw new StoreException($"store: migration '{fileName}' is not named NNN_name.sql");
        using var stream = assembly.GetManifestResourceStream(prefix + fileName)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(match.Groups[1].Value), Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{3})_[a-z0-9_]+\.sql$")]
    private static partial Regex MigrationName();
}
