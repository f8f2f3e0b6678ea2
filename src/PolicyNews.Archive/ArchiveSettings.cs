namespace PolicyNews.Archive;

/// <summary>
/// Where the archive lives, bound from the <c>Archive</c> configuration section. The defaults are
/// relative to the working directory so that <c>dotnet run</c> from the repository root just works.
/// </summary>
public sealed class ArchiveSettings
{
    public const string SectionName = "Archive";

    /// <summary>
    /// <c>Archive:Provider</c> — <c>Sqlite</c> (the file <see cref="Database"/>) or <c>PostgreSQL</c>
    /// (the database <c>ConnectionStrings:Archive</c> names; pages and search read from
    /// <c>ConnectionStrings:ArchiveRead</c> when set). docs/postgresql.md.
    /// </summary>
    public Store.ArchiveProvider Provider { get; set; } = Store.ArchiveProvider.Sqlite;

    /// <summary><c>Archive:Database</c> — the SQLite file the importer writes and the web host reads.</summary>
    public string Database { get; set; } = "data/policynews.db";

    /// <summary><c>Archive:Seeds</c> — the folder of source files, articles.json and tags.json.</summary>
    public string Seeds { get; set; } = "seeds/";

    /// <summary>
    /// <c>Archive:StartupCheckUpToMegabytes</c> — the web host checks a SQLite file of up to this size
    /// (<c>quick_check</c>) before it serves, and a larger one while it serves (readiness says
    /// "running" until it is done, 503 if it finds damage): the check reads the whole file.
    /// </summary>
    public int StartupCheckUpToMegabytes { get; set; } = 256;

    /// <summary>
    /// <c>Archive:SearchExactUpTo</c> — up to this many hits a search counts and ranks every one;
    /// past it, it says "more than" and orders heading matches first (Search/SearchStore.cs).
    /// </summary>
    public int SearchExactUpTo { get; set; } = Search.SearchStore.DefaultExactUpTo;
}
