using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Import;
using PolicyNews.Archive.Text;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// The seeds imported once through the real pipeline into a single checkpointed file (no -wal
/// beside it), which a test copies and then damages as it likes.
/// </summary>
public sealed class GoodArchive : IDisposable
{
    readonly TempFolder dir = new();

    public GoodArchive()
    {
        Path = dir["good.db"];
        var result = new ArchiveImporter(ArticlePipeline.Create()).Import(SeedArchive.Request(Path));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(Path + "-wal"));
    }

    public string Path { get; }

    /// <summary>A copy at <paramref name="target"/>.</summary>
    public string CopyTo(string target)
    {
        File.Copy(Path, target);
        return target;
    }

    /// <summary>Sets <c>PRAGMA user_version</c> of a copy, as another build's migrations would.</summary>
    public static void SetSchemaVersion(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        connection.Execute($"PRAGMA user_version = {version}");
    }

    public static int PageSize(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        return connection.ExecuteScalar<int>("PRAGMA page_size");
    }

    public void Dispose() => dir.Dispose();
}
