using System.CommandLine;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Importer;

// dotnet run --project src/PolicyNews.Importer -- --db data/policynews.db seeds/
// dotnet run --project src/PolicyNews.Importer -- --provider PostgreSQL --connection "Host=…;Database=…" seeds/
var database = new Option<string>("--db") { Description = "SQLite file to write (created with its folder if missing)" };
var provider = new Option<ArchiveProvider>("--provider") { Description = "Sqlite (--db) or PostgreSQL (--connection)", DefaultValueFactory = _ => ArchiveProvider.Sqlite };
var connection = new Option<string>("--connection") { Description = "With --provider PostgreSQL: the connection string of the archive's primary" };
var inputs = new Argument<string[]>("inputs")
{
    Description = "Source files or folders (every *.txt, *.html, *.htm inside); articles.json and tags.json are read from beside them",
    Arity = ArgumentArity.OneOrMore,
};
var root = new RootCommand("Imports source articles into the PolicyNews archive, all files in one transaction.") { database, provider, connection, inputs };
// Exactly one place to write: --db for SQLite, --connection for PostgreSQL.
root.Validators.Add(parsed =>
{
    var (db, cs) = (parsed.GetValue(database), parsed.GetValue(connection));
    if (parsed.GetValue(provider) == ArchiveProvider.PostgreSQL ? cs is null || db is not null : db is null || cs is not null)
        parsed.AddError(parsed.GetValue(provider) == ArchiveProvider.PostgreSQL
            ? "--provider PostgreSQL takes --connection \"<connection string>\" in place of --db"
            : "--db <file> is required (or --provider PostgreSQL --connection \"<connection string>\")");
});
root.SetAction(parsed => new ImportCommand(ArticlePipeline.Create(), Console.Out, Console.Error, terminal: !Console.IsOutputRedirected)
    .Run(parsed.GetValue(database) ?? parsed.GetRequiredValue(connection), parsed.GetRequiredValue(inputs), parsed.GetValue(provider)));

// dotnet run --project src/PolicyNews.Importer -- suggest-tags --db data/policynews.db
var archive = new Option<string>("--db") { Description = "The archive to read (not changed)", Required = true };
var method = new Option<KeywordMethod>("--method") { Description = "How keywords are ranked: TfIdf or TextRank", DefaultValueFactory = _ => KeywordMethod.TfIdf };
var top = new Option<int>("--top") { Description = "How many names and how many terms to list", DefaultValueFactory = _ => 25 };
var minCount = new Option<int>("--min-count") { Description = "Leave out candidates found fewer times than this", DefaultValueFactory = _ => 1 };
var suggest = new Command("suggest-tags", "Lists frequent names and terms in an archive that no tag covers.") { archive, method, top, minCount };
suggest.SetAction(parsed => new SuggestTagsCommand(Console.Out, Console.Error)
    .Run(parsed.GetRequiredValue(archive), parsed.GetValue(method), parsed.GetValue(top), parsed.GetValue(minCount)));
root.Subcommands.Add(suggest);

var result = root.Parse(args);
if (result.Errors.Count > 0)
{
    // Usage mistakes are bad input too: same exit code as a bad file.
    foreach (var parseError in result.Errors)
        Console.Error.WriteLine($"error: {parseError.Message}");
    Console.Error.WriteLine("usage: PolicyNews.Importer --db <file> <file-or-folder>...");
    Console.Error.WriteLine("       PolicyNews.Importer --provider PostgreSQL --connection \"<connection string>\" <file-or-folder>...");
    Console.Error.WriteLine("       PolicyNews.Importer suggest-tags --db <file> [--method TfIdf|TextRank] [--top N] [--min-count N]");
    return ImportCommand.Failure;
}
return result.Invoke();
