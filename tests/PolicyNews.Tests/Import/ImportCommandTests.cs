using System.Diagnostics;
using PolicyNews.Importer;

namespace PolicyNews.Tests.Import;

/// <summary>The importer command as a user meets it: arguments in, report or errors out, exit code.</summary>
public sealed class ImportCommandTests : IDisposable
{
    readonly TempFolder dir = new();
    readonly StringWriter output = new();
    readonly StringWriter error = new();

    public void Dispose() => dir.Dispose();

    int Run(string database, params string[] inputs) =>
        new ImportCommand(new FakePipeline(), output, error).Run(database, inputs);

    /// <summary>A folder with one good article, its metadata and a tag, as seeds/ looks.</summary>
    string GoodFolder()
    {
        dir.Write("in/001_story.txt", "杭州的一篇報道，提到DeepSeek。\n第二段內容。\n");
        dir.Write("in/articles.json", """
            { "001_story.txt": { "slug": "story", "title": "報道", "published": "2025-03" } }
            """);
        dir.Write("in/tags.json", """[ { "name": "杭州", "slug": "hangzhou", "kind": "place", "aliases": [] } ]""");
        return dir["in"];
    }

    [Fact]
    public void ImportsAFolderWithItsMetadataAndTagsAndPrintsTheReport()
    {
        var exit = Run(dir["out/archive.db"], GoodFolder());

        Assert.Equal(0, exit);
        Assert.Equal("", error.ToString());
        var report = output.ToString();
        Assert.Contains("added      001_story.txt → story (utf-8): 1 sections, 2 paragraphs", report);
        Assert.Contains("files: 1 imported, 0 unchanged", report);
        Assert.Contains("tags: 1 changed, 1 section links added", report);
    }

    [Fact]
    public void WithoutATerminalEachStageIsOneLineWithItsCountAndTime()
    {
        dir.Write("in/002_more.txt", "第二篇文章的正文。\n小標題\n第二節的內容。\n");

        var exit = Run(dir["out/archive.db"], GoodFolder());

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("cleaning: 2 files in ") && l.EndsWith("/s"));
        Assert.Contains(lines, l => l.StartsWith("writing: 2 files in "));
        Assert.Contains(lines, l => l.StartsWith("tagging: 3 sections in "));
        Assert.Contains(lines, l => l.StartsWith("indexing: 3 sections in "));
        Assert.Contains(lines, l => l.StartsWith("time: ") && l.EndsWith(" s"));
        Assert.DoesNotContain("\u001b[", output.ToString());   // no terminal escapes in a log
    }

    [Fact]
    public void RunningTwiceReportsTheFileUnchanged()
    {
        var folder = GoodFolder();
        Run(dir["archive.db"], folder);
        var hash = TempFolder.HashDatabase(dir["archive.db"]);

        var exit = Run(dir["archive.db"], folder);

        Assert.Equal(0, exit);
        Assert.Contains("unchanged  001_story.txt → story", output.ToString());
        Assert.Contains("rows changed: 0", output.ToString());
        Assert.Equal(hash, TempFolder.HashDatabase(dir["archive.db"]));
    }

    [Fact]
    public void MissingPathFailsNamingItAndCreatesNoDatabase()
    {
        var missing = dir["nowhere.txt"];

        var exit = Run(dir["archive.db"], GoodFolder(), missing);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {missing}: no such file or folder", error.ToString());
        Assert.False(File.Exists(dir["archive.db"]));
    }

    [Fact]
    public void EmptyFileFailsNamingItAndLeavesTheDatabaseUntouched()
    {
        var folder = GoodFolder();
        Run(dir["archive.db"], folder);
        var hash = TempFolder.HashDatabase(dir["archive.db"]);
        var empty = dir.Write("in/002_empty.txt", "");

        var exit = Run(dir["archive.db"], folder);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {empty}: empty file", error.ToString());
        Assert.Equal(hash, TempFolder.HashDatabase(dir["archive.db"]));
    }

    [Fact]
    public void BinaryFileFailsNamingItAndLeavesTheDatabaseUntouched()
    {
        var folder = GoodFolder();
        Run(dir["archive.db"], folder);
        var hash = TempFolder.HashDatabase(dir["archive.db"]);
        var binary = dir.Write("in/003_image.txt", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 });
        dir.Write("in/001_story.txt", "杭州的一篇報道，已經修改。\n");

        var exit = Run(dir["archive.db"], folder);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {binary}: binary file (PNG image), not a text article", error.ToString());
        Assert.Equal(hash, TempFolder.HashDatabase(dir["archive.db"]));
    }

    [Fact]
    public void DatabaseUnderAFileFailsNamingTheDatabaseAndCreatesNothing()
    {
        var notAFolder = dir.Write("plain-file", "not a folder");
        var database = Path.Combine(notAFolder, "archive.db");

        var exit = Run(database, GoodFolder());

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {database}: cannot open or create the database", error.ToString());
        Assert.Equal("not a folder", File.ReadAllText(notAFolder));
    }

    [Fact]
    public void DatabaseThatIsAFolderFailsNamingIt()
    {
        Directory.CreateDirectory(dir["db-folder"]);

        var exit = Run(dir["db-folder"], GoodFolder());

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {dir["db-folder"]}: cannot open or create the database", error.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir["db-folder"]));
    }

    [Fact]
    public void BrokenMetadataFileFailsNamingIt()
    {
        var folder = GoodFolder();
        dir.Write("in/articles.json", """{ "001_story.txt": { "slug": "Not A Slug", "title": "x" } }""");

        var exit = Run(dir["archive.db"], folder);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {dir["in/articles.json"]}: entry '001_story.txt': slug 'Not A Slug' must be lowercase", error.ToString());
        Assert.False(File.Exists(dir["archive.db"]));
    }

    /// <summary>
    /// A name holding a control character is damage, not a name: refused before anything is written,
    /// naming the entry and the character. SQLite stored such names as they were, and PostgreSQL, which
    /// cannot hold U+0000, failed at the write with "invalid byte sequence for encoding UTF8".
    /// </summary>
    [Theory]
    [InlineData("\"title\": \"標題\\u0000尾\"", "title holds a control character (U+0000)")]
    [InlineData("\"title\": \"標題\", \"source\": \"新華社\\u0001\"", "source holds a control character (U+0001)")]
    [InlineData("\"title\": \"標題\", \"author\": \"趙\\n廣立\"", "author holds a control character (U+000A)")]
    public void AMetadataNameHoldingAControlCharacterIsRefusedNamingIt(string fields, string reason)
    {
        var folder = GoodFolder();
        dir.Write("in/articles.json", $$"""{ "001_story.txt": { "slug": "story", {{fields}} } }""");

        var exit = Run(dir["archive.db"], folder);

        Assert.Equal(ImportCommand.Failure, exit);
        Assert.Contains($"error: {dir["in/articles.json"]}: entry '001_story.txt': {reason}", error.ToString());
        Assert.False(File.Exists(dir["archive.db"]));
    }

    [Fact]
    public void BuiltImporterExitsTwoForAMissingPath()
    {
        // The one end-to-end run of the real executable: argument parsing, wiring and exit code. It
        // runs from the importer's own output folder: the copy beside the tests resolves its
        // dependencies against the test host's (ASP.NET) framework, which the importer does not use.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var importer = Path.Combine(Repository.Root, "src", "PolicyNews.Importer", "bin", configuration, "net10.0", "PolicyNews.Importer.dll");
        Assert.True(File.Exists(importer), $"build the importer first: {importer}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { importer, "--db", dir["archive.db"], dir["missing"] },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"error: {dir["missing"]}: no such file or folder", stderr);
        Assert.False(File.Exists(dir["archive.db"]));
    }
}
