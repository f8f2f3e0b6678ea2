using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Import;
using PolicyNews.Importer;
using PolicyNews.Tests.Hosting;

namespace PolicyNews.Tests.Import;

/// <summary>
/// The built importer on a disk that fills up, simulated with RLIMIT_FSIZE (`ulimit -f`, no
/// privileges needed): a write that would take a file past the limit fails with EFBIG, which SQLite
/// reports as an I/O error, on exactly the write a full disk would refuse. (PRAGMA max_page_count
/// is per connection — the importer's own — and cannot fail a checkpoint, which copies pages without
/// allocating them.) The archive file is big and the import small, so the limit can fall either
/// before the WAL can hold the run or after it, before the main file can take the checkpoint.
/// </summary>
public sealed class ImporterDiskFullTests : IDisposable
{
    readonly TempFolder dir = new();
    readonly string db;
    readonly string input;

    public ImporterDiskFullTests()
    {
        db = dir["archive.db"];
        // An archive of about 1.5 MB written in-process, left as one checkpointed file.
        var big = string.Join("\n", Enumerable.Range(1, 2500).Select(i => $"第{i}段：創新需要開源、人才與長期的投入，這是第{i}個例子。"));
        var result = new ArchiveImporter(new FakePipeline()).Import(new ImportRequest(db, [dir.Write("existing/big.txt", big)]));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(db + "-wal"));

        // A seed article to add, alone in its folder.
        input = dir["new"];
        Directory.CreateDirectory(input);
        var seed = Directory.GetFiles(Repository.Seeds, "002_*.txt").Single();
        File.Copy(seed, Path.Combine(input, Path.GetFileName(seed)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }

    ProgramProcess Importer(int? limitKilobytes) => limitKilobytes is { } limit
        ? ProgramProcess.Limited(limit, "dotnet", ProgramProcess.Dll("PolicyNews.Importer"), "--db", db, input)
        : ProgramProcess.Run("dotnet", ProgramProcess.Dll("PolicyNews.Importer"), "--db", db, input);

    /// <summary>The articles in a copy of the main file without its -wal — what a backup by `cp` would hold; null when that copy is not even readable.</summary>
    long? ArticlesInTheMainFileAlone()
    {
        var copy = dir["copy-of-main-file.db"];
        File.Copy(db, copy, overwrite: true);
        using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        connection.Open();
        try
        {
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 11)   // SQLITE_CORRUPT: a checkpoint stopped half-way
        {
            return null;
        }
    }

    [Fact]
    public async Task DiskFullWhileWritingFailsCleanlyWithNothingWritten()
    {
        var hash = TempFolder.HashDatabase(db);

        // 64 KB: the WAL cannot take the run.
        using var importer = Importer(limitKilobytes: 64);
        var exit = await importer.Exited();

        Assert.True(exit == ImportCommand.Failure, $"exit {exit}:\n{importer.Output}");
        Assert.Contains($"error: {db}: the disk could not take the write (SQLite error 10: 'disk I/O error'", importer.Output);
        Assert.Contains("nothing was imported; the database is unchanged.", importer.Output);
        Assert.DoesNotContain("Exception", importer.Output);
        Assert.Equal(hash, TempFolder.HashDatabase(db));
        Assert.Equal(1, ArticlesInTheMainFileAlone());
    }

    [Fact]
    public async Task DiskFullAtTheCheckpointIsReportedAndTheNextRunFinishesIt()
    {
        // The main file may grow by 8 KB: the WAL takes the run, the checkpoint cannot copy it.
        var limit = (int)(new FileInfo(db).Length / 1024) + 8;
        using (var importer = Importer(limit))
        {
            var exit = await importer.Exited();

            Assert.True(exit == ImportCommand.NotCheckpointed, $"exit {exit}:\n{importer.Output}");
            Assert.Matches(@"added +002_\w+\.txt", importer.Output);
            Assert.Contains($"error: the import is committed, but copying it from {db}-wal into {db} failed (SQLite error 10: 'disk I/O error')", importer.Output);
            Assert.Contains($"The data is safe in {db}-wal: keep that file beside the database, and do not copy {db} alone", importer.Output);
            Assert.DoesNotContain("Exception", importer.Output);
        }
        // What the message warns of: the main file alone lacks the run (here it is even half-copied).
        Assert.True(new FileInfo(db + "-wal").Length > 0);
        Assert.NotEqual(2, ArticlesInTheMainFileAlone());

        // With room again, a plain re-run has nothing to import and completes the checkpoint.
        using (var importer = Importer(limitKilobytes: null))
        {
            Assert.Equal(ImportCommand.Success, await importer.Exited());
            Assert.Matches(@"unchanged +002_\w+\.txt", importer.Output);
        }
        Assert.Equal(2, ArticlesInTheMainFileAlone());
    }
}
