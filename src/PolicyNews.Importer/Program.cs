using System.CommandLine;
using System.CommandLine.Parsing;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Importer;

// dotnet run --project src/PolicyNews.Importer -- --db data/policynews.db seeds/
// dotnet run --project src/PolicyNews.Importer -- --provider PostgreSQL --connection "Host=…;Database=…" seeds/
var (database, provider, connection) = ArchiveOptions("SQLite file to write (created with its folder if missing)");
var inputs = new Argument<string[]>("inputs")
{
    Description = "Source files or folders (every *.txt, *.html, *.htm inside); articles.json and tags.json are read from beside them",
    Arity = ArgumentArity.OneOrMore,
};
var root = new RootCommand("Imports source articles into the PolicyNews archive, all files in one transaction.") { database, provider, connection, inputs };
root.Validators.Add(parsed => OneArchive(parsed, database, provider, connection));
root.SetAction(parsed => new ImportCommand(ArticlePipeline.Create(), Console.Out, Console.Error, terminal: !Console.IsOutputRedirected)
    .Run(parsed.GetValue(database) ?? parsed.GetRequiredValue(connection), parsed.GetRequiredValue(inputs), parsed.GetValue(provider)));

// dotnet run --project src/PolicyNews.Importer -- suggest-tags --db data/policynews.db
// dotnet run --project src/PolicyNews.Importer -- suggest-tags --provider PostgreSQL --connection "Host=…;Database=…"
var (archive, archiveProvider, archiveConnection) = ArchiveOptions("The archive to read (not changed)");
var method = new Option<KeywordMethod>("--method") { Description = "How keywords are ranked: TfIdf or TextRank", DefaultValueFactory = _ => KeywordMethod.TfIdf };
var top = new Option<int>("--top") { Description = "How many names and how many terms to list", DefaultValueFactory = _ => 25 };
var minCount = new Option<int>("--min-count") { Description = "Leave out candidates found fewer times than this", DefaultValueFactory = _ => 1 };
var suggest = new Command("suggest-tags", "Lists frequent names and terms in an archive that no tag covers.")
    { archive, archiveProvider, archiveConnection, method, top, minCount };
suggest.Validators.Add(parsed => OneArchive(parsed, archive, archiveProvider, archiveConnection));
suggest.SetAction(parsed => new SuggestTagsCommand(Console.Out, Console.Error)
    .Run(parsed.GetValue(archive) ?? parsed.GetRequiredValue(archiveConnection), parsed.GetValue(method), parsed.GetValue(top),
        parsed.GetValue(minCount), parsed.GetValue(archiveProvider)));
root.Subcommands.Add(suggest);

// dotnet run --project src/PolicyNews.Importer -- reindex --db data/policynews.db
// dotnet run --project src/PolicyNews.Importer -- reindex --provider PostgreSQL --connection "Host=…;Database=…"
var (indexed, indexedProvider, indexedConnection) = ArchiveOptions("The archive whose search index to make again");
var reindex = new Command("reindex", "Migrates the archive if needed and makes its whole search index again from the stored text, in one transaction.")
    { indexed, indexedProvider, indexedConnection };
reindex.Validators.Add(parsed => OneArchive(parsed, indexed, indexedProvider, indexedConnection));
reindex.SetAction(parsed => new ReindexCommand(Console.Out, Console.Error)
    .Run(parsed.GetValue(indexed) ?? parsed.GetRequiredValue(indexedConnection), parsed.GetValue(indexedProvider)));
root.Subcommands.Add(reindex);

var result = root.Parse(args);
if (result.Errors.Count > 0)
{
    // Usage mistakes are bad input too: same exit code as a bad file.
    foreach (var parseError in result.Errors)
        Console.Error.WriteLine($"error: {parseError.Message}");
    Console.Error.WriteLine("usage: PolicyNews.Importer --db <file> <file-or-folder>...");
    Console.Error.WriteLine("       PolicyNews.Importer --provider PostgreSQL --connection \"<connection string>\" <file-or-folder>...");
    Console.Error.WriteLine("       PolicyNews.Importer suggest-tags (--db <file> | --provider PostgreSQL --connection \"<connection string>\") " +
                            "[--method TfIdf|TextRank] [--top N] [--min-count N]");
    Console.Error.WriteLine("       PolicyNews.Importer reindex (--db <file> | --provider PostgreSQL --connection \"<connection string>\")");
    return ImportCommand.Failure;
}
return result.Invoke();

// Where the archive is, the same for every command: --db for SQLite, --provider PostgreSQL --connection for PostgreSQL.
static (Option<string> Database, Option<ArchiveProvider> Provider, Option<string> Connection) ArchiveOptions(string databaseDescription) =>
    (new Option<string>("--db") { Description = databaseDescription },
     new Option<ArchiveProvider>("--provider") { Description = "Sqlite (--db) or PostgreSQL (--connection)", DefaultValueFactory = _ => ArchiveProvider.Sqlite },
     new Option<string>("--connection") { Description = "With --provider PostgreSQL: the connection string of the archive's primary" });

// Exactly one archive: --db for SQLite, --connection for PostgreSQL.
static void OneArchive(CommandResult parsed, Option<string> database, Option<ArchiveProvider> provider, Option<string> connection)
{
    var (db, cs) = (parsed.GetValue(database), parsed.GetValue(connection));
    if (parsed.GetValue(provider) == ArchiveProvider.PostgreSQL ? cs is null || db is not null : db is null || cs is not null)
        parsed.AddError(parsed.GetValue(provider) == ArchiveProvider.PostgreSQL
            ? "--provider PostgreSQL takes --connection \"<connection string>\" in place of --db"
            : "--db <file> is required (or --provider PostgreSQL --connection \"<connection string>\")");
}
