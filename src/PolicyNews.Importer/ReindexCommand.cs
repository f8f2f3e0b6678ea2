using System.Data.Common;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Importer;

/// <summary>
/// <c>reindex --db FILE</c> (or <c>--provider PostgreSQL --connection "…"</c>): migrates the archive
/// if it is older than this build, then makes its whole search index again from the stored text
/// (<see cref="SearchIndexRebuild"/>) — what an archive needs after a migration that changes the
/// search tokens, or to repair its index. One transaction: searches keep answering from the old
/// index until it commits. A missing file or a database without an archive is an error.
/// </summary>
public sealed class ReindexCommand(TextWriter output, TextWriter error)
{
    /// <param name="location">The SQLite file, or the PostgreSQL connection string.</param>
    public int Run(string location, ArchiveProvider provider = ArchiveProvider.Sqlite)
    {
        // Messages name the file, or host:port/database (never a connection string's password).
        var name = provider == ArchiveProvider.PostgreSQL ? PostgresArchive.Describe(location) : location;
        if (provider == ArchiveProvider.Sqlite && !File.Exists(location))
        {
            error.WriteLine($"error: {name}: no such archive database (import some articles first)");
            return ImportCommand.Failure;
        }
        try
        {
            // Looked at before migrating, so that a database without an archive is not made one.
            using (var existing = Open(location, provider, migrate: false))
                if (existing.ProbeSchemaVersion() == 0)
                {
                    error.WriteLine($"error: {name}: no archive in this database (import some articles first)");
                    return ImportCommand.Failure;
                }
            using var archive = Open(location, provider, migrate: true);
            var (sections, took) = SearchIndexRebuild.Run(archive);
            output.WriteLine($"search index rebuilt: {sections:N0} sections in {took.TotalSeconds:0.0} s; {name}");
            return ImportCommand.Success;
        }
        catch (Exception ex) when (ex is StoreException or DbException)
        {
            error.WriteLine($"error: {name}: cannot rebuild the search index: {ex.Message}");
            error.WriteLine("nothing was changed.");
            return ImportCommand.Failure;
        }
    }

    // SQLite migrates at open in any case (its file was checked to exist above).
    static ArchiveDatabase Open(string location, ArchiveProvider provider, bool migrate) => provider == ArchiveProvider.PostgreSQL
        ? ArchiveDatabase.OpenPostgres(location, migrate: migrate)
        : ArchiveDatabase.Open(location, SearchSqlFunctions.Register);
}
