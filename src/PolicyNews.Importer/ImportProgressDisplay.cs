using System.Diagnostics;
using PolicyNews.Archive.Import;
using Spectre.Console;

namespace PolicyNews.Importer;

/// <summary>
/// Shows a long import as it runs: on a terminal, one Spectre.Console progress bar per stage;
/// otherwise (a log, a pipe, the tests) one plain line as each stage ends. Either way each stage's
/// line says how long it took and how many it did per second.
/// </summary>
public sealed class ImportProgressDisplay(TextWriter output, bool terminal) : IProgress<ImportProgress>
{
    readonly Lock gate = new();
    readonly Dictionary<ImportStage, long> started = [];
    readonly HashSet<ImportStage> finished = [];
    Dictionary<ImportStage, ProgressTask>? bars;

    /// <summary>Runs <paramref name="import"/> with this display told of its progress.</summary>
    public ImportResult Run(Func<IProgress<ImportProgress>, ImportResult> import)
    {
        if (!terminal)
            return import(this);
        ImportResult? result = null;
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) })
            .Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                lock (gate)
                    bars = Enum.GetValues<ImportStage>().ToDictionary(s => s, s => context.AddTask(Name(s), autoStart: false));
                result = import(this);
            });
        return result!;
    }

    public void Report(ImportProgress value)
    {
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            started.TryAdd(value.Stage, now);
            if (bars?[value.Stage] is { } bar)
            {
                if (!bar.IsStarted) bar.StartTask();
                bar.MaxValue = Math.Max(1, value.Total);
                bar.Value = value.Done;
            }
            if (value.Done < value.Total || !finished.Add(value.Stage))
                return;
            bars?[value.Stage].StopTask();
            var seconds = Stopwatch.GetElapsedTime(started[value.Stage], now).TotalSeconds;
            var rate = seconds > 0 ? $", {value.Total / seconds:N0}/s" : "";
            // Under the bars Spectre.Console owns the terminal; the summary lines come after it.
            Lines.Add($"{Name(value.Stage)}: {value.Total:N0} {Unit(value.Stage)} in {seconds:0.0} s{rate}");
            if (bars is null)
                output.WriteLine(Lines[^1]);
        }
    }

    /// <summary>One line per finished stage, in the order they finished.</summary>
    public List<string> Lines { get; } = [];

    static string Name(ImportStage stage) => stage switch
    {
        ImportStage.Cleaning => "cleaning",
        ImportStage.Writing => "writing",
        ImportStage.Tagging => "tagging",
        _ => "indexing",
    };

    static string Unit(ImportStage stage) => stage is ImportStage.Cleaning or ImportStage.Writing ? "files" : "sections";
}
