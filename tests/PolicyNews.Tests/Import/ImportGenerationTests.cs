using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;

namespace PolicyNews.Tests.Import;

/// <summary>
/// The import generation (migration 007): every run that writes something raises it inside its
/// transaction, with the run's time; a run that writes nothing, or fails, leaves it alone. The web
/// host's caches and validators follow it, also for a run made by another process.
/// </summary>
public sealed class ImportGenerationTests : IDisposable
{
    readonly SmallArchive archive = new();

    public void Dispose() => archive.Dispose();

    static readonly DateTimeOffset Monday = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    ImportResult Import(DateTimeOffset at, string[] files, IReadOnlyDictionary<string, ArticleMetadata>? metadata = null) =>
        new ArchiveImporter(new FakePipeline(), clock: new FixedClock(at))
            .Import(new ImportRequest(archive.DatabasePath, files, metadata ?? SmallArchive.Metadata, SmallArchive.Tags));

    ImportGeneration Generation()
    {
        using var database = ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register);
        return new ImportGenerationStore(database).Current();
    }

    [Fact]
    public void ANewArchiveStartsAtGenerationZero()
    {
        ArchiveDatabase.Open(archive.DatabasePath, SearchSqlFunctions.Register).Dispose();

        Assert.Equal(0, Generation().Number);
    }

    [Fact]
    public void EveryRunThatWritesRaisesTheGenerationAndDatesIt()
    {
        var story = archive.Write("story.txt", SmallArchive.Story);

        Assert.True(Import(Monday, [story]).Succeeded);
        Assert.Equal(new ImportGeneration(1, Monday), Generation());

        var retitled = new Dictionary<string, ArticleMetadata>(SmallArchive.Metadata)
        {
            ["story.txt"] = SmallArchive.Metadata["story.txt"] with { Title = "新標題" },
        };
        Assert.Equal(FileStatus.MetadataUpdated, Assert.Single(Import(Monday.AddDays(1), [story], retitled).Files).Status);
        Assert.Equal(new ImportGeneration(2, Monday.AddDays(1)), Generation());

        archive.Write("story.txt", SmallArchive.Story.Replace("資金來自幻方量化。", "新的一段。"));
        Assert.Equal(FileStatus.Replaced, Assert.Single(Import(Monday.AddDays(2), [story], retitled).Files).Status);
        Assert.Equal(new ImportGeneration(3, Monday.AddDays(2)), Generation());
    }

    [Fact]
    public void ARunThatWritesNothingLeavesTheGenerationAndTheFileAlone()
    {
        var story = archive.Write("story.txt", SmallArchive.Story);
        Import(Monday, [story]);
        var before = TempFolder.HashDatabase(archive.DatabasePath);

        var again = Import(Monday.AddDays(1), [story]);

        Assert.Equal(0, again.RowsChanged);
        Assert.Equal(new ImportGeneration(1, Monday), Generation());
        Assert.Equal(before, TempFolder.HashDatabase(archive.DatabasePath));
    }

    [Fact]
    public void AFailedRunLeavesTheGenerationAlone()
    {
        var story = archive.Write("story.txt", SmallArchive.Story);
        Import(Monday, [story]);

        var failed = Import(Monday.AddDays(1), [story, archive.Write("bad.txt", "!reject broken\n")]);

        Assert.False(failed.Succeeded);
        Assert.Equal(new ImportGeneration(1, Monday), Generation());
    }

    [Fact]
    public void RowsChangedCountsOnlyThisRunEvenAfterTheMigrationsRanOnTheSameConnection()
    {
        // The importer opens (and so migrates) the database on a pooled connection and writes on
        // the same one: the migration's own rows must not count as this run's.
        var story = archive.Write("story.txt", SmallArchive.Story);
        Import(Monday, [story]);
        DowngradeToVersion6();
        SqliteConnection.ClearAllPools();

        var again = Import(Monday.AddDays(1), [story]);

        Assert.Equal(0, again.RowsChanged);
        Assert.Equal(1, Generation().Number);
    }

    [Fact]
    public void MigratingAnArchiveThatHoldsArticlesStartsItAtGenerationOneDatedByItsLastImport()
    {
        var story = archive.Write("story.txt", SmallArchive.Story);
        Import(Monday, [story]);
        DowngradeToVersion6();

        Assert.Equal(new ImportGeneration(1, Monday), Generation());
    }

    /// <summary>The database as a build before migration 007 left it (008 may run again; 009 may not: its column is undone).</summary>
    void DowngradeToVersion6()
    {
        using var connection = archive.Connect();
        connection.Execute($"DROP TABLE import_generation; {SmallArchive.UndoBrowsingFacets} PRAGMA user_version = 6;");
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
