using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;

namespace PolicyNews.Importer;

/// <summary>
/// An archive a command reads or repairs (suggest-tags, reindex) must exist already: a missing file
/// or a database without an archive is an error, never a new archive made by opening it.
/// </summary>
public static class ExistingArchive
{
    /// <summary>How messages name it: the file, or host:port/database (never a connection string's password).</summary>
    public static string Name(string location, ArchiveProvider provider) =>
        provider == ArchiveProvider.PostgreSQL ? PostgresArchive.Describe(location) : location;

    /// <summary>The archive opened as it is (not migrated), or why there is none: "error: …" for the command to print.</summary>
    public static (ArchiveDatabase? Archive, string? Problem) Open(string location, ArchiveProvider provider)
    {
        var name = Name(location, provider);
        if (provider == ArchiveProvider.Sqlite && !File.Exists(location))
            return (null, $"error: {name}: no such archive database (import some articles first)");
        ArchiveDatabase? archive = null;
        try
        {
            archive = provider == ArchiveProvider.PostgreSQL
                ? ArchiveDatabase.OpenPostgres(location, migrate: false)
                : ArchiveDatabase.Open(location, SearchSqlFunctions.Register);
            if (archive.ProbeSchemaVersion() != 0)
                return (archive, null);
            archive.Dispose();
            return (null, $"error: {name}: no archive in this database (import some articles first)");
        }
        catch (StoreException ex)
        {
            archive?.Dispose();
            return (null, $"error: {name}: {ex.Message}");
        }
    }
}
