using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using PolicyNews.Archive.Store;

namespace PolicyNews.Archive.Search;

/// <summary>
/// Makes the whole search index again from the stored text, on either provider: after a migration
/// that changes the tokens (PostgreSQL 003 empties the index, the tokens being made in C#), or to
/// repair one. One write transaction under the import lock (<see cref="ArchiveDatabase.BeginWrite"/>),
/// so readers keep the old index until the new one commits, and a new import generation, so the web
/// nodes' cached pages and searches follow it.
/// </summary>
public static class SearchIndexRebuild
{
    /// <summary>Rebuilds the index of <paramref name="database"/>; returns how many sections it holds and how long it took.</summary>
    public static (long Sections, TimeSpan Took) Run(ArchiveDatabase database, TimeProvider? clock = null)
    {
        var started = Stopwatch.GetTimestamp();
        using var write = database.BeginWrite();
        if (write.Connection is SqliteConnection sqlite)
            new SearchIndexWriter(sqlite, (SqliteTransaction)write.Transaction).Rebuild();
        else
            new PostgresSearchIndex((NpgsqlConnection)write.Connection, (NpgsqlTransaction)write.Transaction).Rebuild();
        ImportGenerations.Advance(write.Connection, write.Transaction, ImportGenerations.Stamp((clock ?? TimeProvider.System).GetUtcNow()));
        var sections = write.Connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sections", transaction: write.Transaction);
        write.Commit();
        return (sections, Stopwatch.GetElapsedTime(started));
    }
}
