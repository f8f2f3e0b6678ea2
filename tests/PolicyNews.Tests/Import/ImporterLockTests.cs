using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Importer;
using Xunit.Abstractions;

namespace PolicyNews.Tests.Import;

/// <summary>
/// The importer holds the write lock only while writing: cleaning happens before BEGIN IMMEDIATE,
/// so readers, other writers and a second importer are not held up by it; a second importer that
/// does meet the lock waits the busy timeout and says why it failed.
/// </summary>
public sealed class ImporterLockTests(ITestOutputHelper log) : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    string Db => dir["archive.db"];

    ImportResult Import(IArticlePipeline pipeline, params string[] files) =>
        new ArchiveImporter(pipeline).Import(new ImportRequest(Db, files));

    /// <summary>A connection of another process: no pool, and no patience — a lock held elsewhere fails it within a second.</summary>
    SqliteConnection Impatient()
    {
        var connection = new SqliteConnection($"Data Source={Db};Pooling=False;Default Timeout=1");
        connection.Open();
        connection.Execute("PRAGMA busy_timeout = 0");
        return connection;
    }

    long Articles()
    {
        using var connection = Impatient();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles");
    }

    [Fact]
    public async Task ReadersWritersAndASecondImporterGoOnWhileTheFirstCleans()
    {
        Assert.True(Import(new FakePipeline(), dir.Write("first.txt", "第一篇文章的正文。\n")).Succeeded);
        using var pipeline = new BlockingPipeline();
        var slow = Task.Run(() => Import(pipeline, dir.Write("slow.txt", "正在清理的文章。\n")));
        Assert.True(pipeline.Entered.Wait(Patience), "the pipeline was never called");

        // The first importer is cleaning now. A writer gets the lock at once, a reader reads…
        using (var writer = Impatient())
        {
            writer.Execute("BEGIN IMMEDIATE");
            writer.Execute("ROLLBACK");
        }
        Assert.Equal(1, Articles());
        // …and a whole second import runs to its end.
        var second = Import(new FakePipeline(), dir.Write("second.txt", "第二個導入的文章。\n"));
        Assert.True(second.Succeeded, string.Join("\n", second.Problems));

        pipeline.Release.Set();
        var first = await slow.WaitAsync(Patience);
        Assert.True(first.Succeeded, string.Join("\n", first.Problems));
        Assert.Equal(FileStatus.Added, Assert.Single(first.Files).Status);
        Assert.Equal(3, Articles());
    }

    [Fact]
    public async Task AFileAnotherImportWroteWhileThisOneCleanedIsReplacedNotClashedWith()
    {
        using var pipeline = new BlockingPipeline();
        var slow = Task.Run(() => Import(pipeline, dir.Write("slow/story.txt", "這一版由慢的導入寫入。\n")));
        Assert.True(pipeline.Entered.Wait(Patience), "the pipeline was never called");

        // Meanwhile another import writes the same file name with other text, and commits.
        var other = Import(new FakePipeline(), dir.Write("fast/story.txt", "這一版先寫入了。\n"));
        Assert.Equal(FileStatus.Added, Assert.Single(other.Files).Status);

        pipeline.Release.Set();
        var result = await slow.WaitAsync(Patience);

        // Its plan said "new file"; inside the transaction it sees the other import's row, decides
        // again ("changed file") and rewrites it — cleaning it only once.
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(FileStatus.Replaced, Assert.Single(result.Files).Status);
        Assert.Equal(1, pipeline.Calls);
        using var connection = Impatient();
        Assert.Equal("這一版由慢的導入寫入。", connection.ExecuteScalar<string>("SELECT text FROM paragraphs"));
    }

    [Fact]
    public void ASecondImporterWaitsForTheBusyTimeoutThenSaysTheDatabaseIsLocked()
    {
        Assert.True(Import(new FakePipeline(), dir.Write("first.txt", "第一篇文章的正文。\n")).Succeeded);
        SqliteConnection.ClearAllPools();
        var hash = TempFolder.HashDatabase(Db);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit;
        using (var firstImporter = Impatient())
        {
            firstImporter.Execute("BEGIN IMMEDIATE");   // the other importer, writing

            var started = Stopwatch.GetTimestamp();
            exit = new ImportCommand(new FakePipeline(), output, error).Run(Db, [dir.Write("second.txt", "第二篇。\n")]);
            log.WriteLine($"failed after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (busy timeout {ArchiveDatabase.BusyTimeout.TotalSeconds} s)");
        }

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {Db}: the database is locked by another writer (is another import running?): waited 5 s for the write lock", error.ToString());
        Assert.Contains("nothing was imported; the database is unchanged.", error.ToString());
        Assert.Equal(hash, TempFolder.HashDatabase(Db));
    }

    [Fact]
    public void AReaderHoldingAnOldSnapshotLeavesTheCheckpointIncompleteAndTheImporterSaysSo()
    {
        Assert.True(Import(new FakePipeline(), dir.Write("first.txt", "第一篇文章的正文。\n")).Succeeded);
        using var reader = Impatient();
        using var snapshot = reader.BeginTransaction(deferred: true);
        reader.ExecuteScalar<long>("SELECT COUNT(*) FROM articles", transaction: snapshot);   // the snapshot starts here
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = new ImportCommand(new FakePipeline(), output, error).Run(Db, [dir.Write("second.txt", "第二篇。\n")]);

        Assert.Equal(ImportCommand.Success, exit);
        Assert.Contains("added      second.txt", output.ToString());
        Assert.StartsWith("warning: the import is committed, but readers kept the checkpoint from finishing", error.ToString());
    }

    /// <summary>A pipeline that, on its first file, says so and then waits until released.</summary>
    sealed class BlockingPipeline : IArticlePipeline, IDisposable
    {
        readonly FakePipeline inner = new();
        public ManualResetEventSlim Entered { get; } = new();
        public ManualResetEventSlim Release { get; } = new();
        public int Calls => inner.Calls;

        public PipelineResult Clean(byte[] bytes, string fileName)
        {
            Entered.Set();
            if (!Release.Wait(Patience))
                throw new TimeoutException("the test never released the pipeline");
            return inner.Clean(bytes, fileName);
        }

        public void Dispose()
        {
            Release.Set();
            Entered.Dispose();
            Release.Dispose();
        }
    }
}
