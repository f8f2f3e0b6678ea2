using System.Diagnostics;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Importer;

/// <summary>
/// The importer's one command: expand the inputs, find articles.json and tags.json beside them,
/// run the import, print the report. Exit code 0 on success, 2 when anything is wrong — in which
/// case every problem is printed on its own line and the database is left exactly as it was — and
/// 3 when the import is committed but the checkpoint after it failed (disk full): the data is in
/// the -wal file only, which the error line explains. On a terminal (<paramref name="terminal"/>)
/// the stages are drawn as progress bars while they run; elsewhere each is one line as it ends.
/// </summary>
public sealed class ImportCommand(IArticlePipeline pipeline, TextWriter output, TextWriter error, bool terminal = false)
{
    public const int Success = 0;
    public const int Failure = 2;
    public const int NotCheckpointed = 3;

    /// <summary><paramref name="database"/> is the SQLite file, or with <see cref="ArchiveProvider.PostgreSQL"/> the connection string.</summary>
    public int Run(string database, IReadOnlyList<string> inputs, ArchiveProvider provider = ArchiveProvider.Sqlite)
    {
        var (gathered, problems) = ImportInputs.Gather(database, inputs);
        if (gathered is null)
            return Fail(problems);
        var request = gathered with { Provider = provider };

        var display = new ImportProgressDisplay(output, terminal);
        var started = Stopwatch.GetTimestamp();
        var result = display.Run(progress => new ArchiveImporter(pipeline) { Progress = progress }.Import(request));
        if (!result.Succeeded)
            return Fail(result.Problems);

        ImportReport.Print(result, request.Where, output);
        if (terminal)
            display.Lines.ForEach(output.WriteLine);
        output.WriteLine($"time: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        switch (result.Checkpoint)
        {
            case CheckpointStatus.Failed:
                error.WriteLine($"error: {result.CheckpointMessage}.");
                return NotCheckpointed;
            case CheckpointStatus.Incomplete:
                error.WriteLine($"warning: {result.CheckpointMessage}.");
                break;
        }
        return Success;
    }

    int Fail(IEnumerable<ImportProblem> problems)
    {
        foreach (var problem in problems)
            error.WriteLine($"error: {problem}");
        error.WriteLine("nothing was imported; the database is unchanged.");
        return Failure;
    }
}
