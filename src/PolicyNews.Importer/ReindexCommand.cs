using System.Data.Common;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;

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
        var (existing, problem) = ExistingArchive.Open(location, provider);
        if (existing is null)
        {
            error.WriteLine(problem);
            return ImportCommand.Failure;
        }
        existing.Dispose();   // looked at before migrating, so that a database without an archive is not made one
        var name = ExistingArchive.Name(location, provider);
        try
        {
            using var archive = provider == ArchiveProvider.PostgreSQL
                ? ArchiveDatabase.OpenPostgres(location)
                : ArchiveDatabase.Open(location, SearchSqlFunctions.Register);
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
}
