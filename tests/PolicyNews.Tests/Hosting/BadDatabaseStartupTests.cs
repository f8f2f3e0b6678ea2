using System.Net;
using System.Text.Json;
using PolicyNews.Archive.Store;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// The built portal started as a process on each kind of bad database: it must say in one log line
/// which file is wrong and how, and exit with <see cref="ArchiveStartup.CannotServe"/> — no stack
/// trace, no half-started server answering 500 — or, where it can serve, start read-only and say so.
/// </summary>
public sealed class BadDatabaseStartupTests(GoodArchive good) : IClassFixture<GoodArchive>, IDisposable
{
    readonly TempFolder dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string, string> Faults => new()
    {
        { "truncated", "is truncated: its header counts" },
        { "bad header", "is not an SQLite database: it begins with \"NOT AN SQLITE DB…\"" },
        { "text file", "is not an SQLite database: it begins with \"these are notes,…\"" },
        { "folder", "is a folder, not a database file" },
        { "corrupt middle page", "is damaged: SQLite's quick_check found" },
        { "newer schema", $"is at schema version {Migrator.LatestVersion + 1}, newer than this build knows ({Migrator.LatestVersion})" },
        { "read-only, schema behind", $"is read-only and at schema version {Migrator.LatestVersion - 1}; this build needs {Migrator.LatestVersion}" },
        { "read-only file in a read-only folder", "it is read-only, and SQLite cannot create" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task RefusesABadDatabaseInOneLineNamingFileAndFault(string fault, string expected)
    {
        var database = dir["archive.db"];
        using var readOnly = Make(fault, database);

        using var portal = ProgramProcess.Portal(database);
        var exit = await portal.ExitedWithoutServing();

        Assert.Equal(ArchiveStartup.CannotServe, exit);
        var line = Assert.Single(portal.Lines);
        Assert.True(line.Contains("FTL] archive: not starting: store: ") && line.Contains(database) && line.Contains(expected),
            $"expected one line naming {database} and saying '{expected}', got:\n{line}");
        Assert.DoesNotContain("Exception", portal.Output);
        Assert.DoesNotContain("   at ", portal.Output);
    }

    [Fact]
    public async Task ServesAReadOnlyFileWhoseSchemaIsCurrentAndSaysSo()
    {
        var database = good.CopyTo(dir["archive.db"]);
        using var readOnly = new ReadOnlyFiles(database);

        using var portal = ProgramProcess.Portal(database);
        using var client = new HttpClient { BaseAddress = await portal.Listening() };

        Assert.Contains($"WRN] archive: {database} is read-only: serving it as it is (no migrations, no seed import)", portal.Output);
        using var article = await client.GetAsync("/articles/deepseek-style-innovation-can-be-replicated");
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        using var search = await client.GetAsync("/search?q=%E5%88%9B%E6%96%B0");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);

        using var ready = await client.GetAsync(Health.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var archive = json.RootElement.GetProperty("checks").GetProperty("archive");
        Assert.True(archive.GetProperty("readOnly").GetBoolean());
        Assert.Equal("ok", archive.GetProperty("quickCheck").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChecksALargeFileWhileServingIt(bool damaged)
    {
        // Every file counts as large at 0 MB: served at once, quick_check'ed on a thread of its own.
        var database = dir["archive.db"];
        if (damaged)
            Make("corrupt middle page", database);
        else
            good.CopyTo(database);

        using var portal = ProgramProcess.Portal(database, "--Archive:StartupCheckUpToMegabytes=0");
        using var client = new HttpClient { BaseAddress = await portal.Listening() };
        Assert.Contains($"archive: {database} is larger than Archive:StartupCheckUpToMegabytes: serving it while quick_check reads it", portal.Output);

        var (status, archive) = await ReadinessOnceChecked(client);
        if (damaged)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("quick_check found damage", archive.GetProperty("description").GetString());
            Assert.Contains($"FTL] archive: not ready: store: {database} is damaged: SQLite's quick_check found", portal.Output);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ok", archive.GetProperty("quickCheck").GetString());
            using var article = await client.GetAsync("/articles/deepseek-style-innovation-can-be-replicated");
            Assert.Equal(HttpStatusCode.OK, article.StatusCode);
        }
    }

    /// <summary>Asks <c>/readyz</c> until its quick_check is no longer "running".</summary>
    static async Task<(HttpStatusCode, JsonElement)> ReadinessOnceChecked(HttpClient client)
    {
        var deadline = DateTime.UtcNow + ProgramProcess.Patience;
        while (true)
        {
            using var ready = await client.GetAsync(Health.ReadyPath);
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var archive = json.RootElement.GetProperty("checks").GetProperty("archive").Clone();
            if (archive.GetProperty("quickCheck").GetString() != "running")
                return (ready.StatusCode, archive);
            Assert.True(DateTime.UtcNow < deadline, "quick_check still running after " + ProgramProcess.Patience);
            await Task.Delay(100);
        }
    }

    /// <summary>Puts the damaged file at <paramref name="database"/>; returns what must be undone afterwards.</summary>
    IDisposable? Make(string fault, string database)
    {
        switch (fault)
        {
            case "truncated":
                good.CopyTo(database);
                using (var file = new FileStream(database, FileMode.Open))
                    file.SetLength(file.Length / 2);
                return null;
            case "bad header":
                good.CopyTo(database);
                Overwrite(database, 0, "NOT AN SQLITE DB"u8.ToArray());
                return null;
            case "text file":
                File.WriteAllText(database, "these are notes, not an archive\n");
                return null;
            case "folder":
                Directory.CreateDirectory(database);
                return null;
            case "corrupt middle page":
            {
                // The page halfway through the file, filled with noise: a sound header, a broken b-tree.
                good.CopyTo(database);
                var pageSize = GoodArchive.PageSize(database);
                var pages = new FileInfo(database).Length / pageSize;
                Overwrite(database, pages / 2 * pageSize, Noise(pageSize));
                return null;
            }
            case "newer schema":
                good.CopyTo(database);
                GoodArchive.SetSchemaVersion(database, Migrator.LatestVersion + 1);
                return null;
            case "read-only, schema behind":
                good.CopyTo(database);
                GoodArchive.SetSchemaVersion(database, Migrator.LatestVersion - 1);
                return new ReadOnlyFiles(database);
            case "read-only file in a read-only folder":
                good.CopyTo(database);
                return new ReadOnlyFiles(database, dir.Path);
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    static void Overwrite(string path, long offset, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.Position = offset;
        file.Write(bytes);
    }

    static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(14).NextBytes(bytes);
        return bytes;
    }
}
