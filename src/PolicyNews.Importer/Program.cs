using System.CommandLine;
using PolicyNews.Archive.Text;
using PolicyNews.Importer;

// dotnet run --project src/PolicyNews.Importer -- --db data/policynews.db seeds/
var database = new Option<string>("--db") { Description = "SQLite file to write (created with its folder if missing)", Required = true };
var inputs = new Argument<string[]>("inputs")
{
    Description = "Source files or folders (every *.txt, *.html, *.htm inside); articles.json and tags.json are read from beside them",
    Arity = ArgumentArity.OneOrMore,
};
var root = new RootCommand("Imports source articles into the PolicyNews archive, all files in one transaction.") { database, inputs };
root.SetAction(parsed => new ImportCommand(ArticlePipeline.Create(), Console.Out, Console.Error)
    .Run(parsed.GetRequiredValue(database), parsed.GetRequiredValue(inputs)));

var result = root.Parse(args);
if (result.Errors.Count > 0)
{
    // Usage mistakes are bad input too: same exit code as a bad file.
    foreach (var parseError in result.Errors)
        Console.Error.WriteLine($"error: {parseError.Message}");
    Console.Error.WriteLine("usage: PolicyNews.Importer --db <file> <file-or-folder>...");
    return ImportCommand.Failure;
}
return result.Invoke();
