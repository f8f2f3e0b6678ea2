using System.Data;
using System.Globalization;
using Dapper;

namespace PolicyNews.Archive.Store;

/// <summary>
/// Which state of the archive a reader sees: <see cref="Number"/> rises by one with every import
/// run that wrote something (migration 007); <see cref="ChangedAt"/> is when that run happened.
/// </summary>
public sealed record ImportGeneration(long Number, DateTimeOffset ChangedAt);

/// <summary>Reads the import generation: one row by primary key, the cheapest read the store has.</summary>
public sealed class ImportGenerationStore(ArchiveDatabase database)
{
    public ImportGeneration Current() => database.Read("read the import generation", session =>
    {
        var row = session.QuerySingleOrDefault<Row>("SELECT generation, changed_at AS ChangedAt FROM import_generation WHERE id = 1")
            ?? throw new InvalidOperationException("the import_generation row is missing");
        return new ImportGeneration(row.Generation,
            DateTimeOffset.ParseExact(row.ChangedAt, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
    });

    sealed class Row
    {
        public long Generation { get; set; }
        public string ChangedAt { get; set; } = "";
    }
}

/// <summary>Starting a new import generation, inside the write that changes what readers see.</summary>
public static class ImportGenerations
{
    /// <summary>How a moment is stored (<c>changed_at</c>, and the import's other timestamps): UTC, to the second, whatever the culture.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Raises the generation by one, changed at <paramref name="changedAt"/> (a <see cref="Stamp"/>): the web
    /// nodes' cached pages and validators follow it (migration 007).
    /// </summary>
    public static void Advance(IDbConnection connection, IDbTransaction transaction, string changedAt) =>
        connection.Execute("UPDATE import_generation SET generation = generation + 1, changed_at = @changedAt WHERE id = 1",
            new { changedAt }, transaction);
}
