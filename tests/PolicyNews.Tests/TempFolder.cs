using System.Security.Cryptography;

namespace PolicyNews.Tests;

/// <summary>A fresh folder under the system temp dir, deleted after the test.</summary>
public class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policynews-tests", Guid.NewGuid().ToString("n"));

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = this[name];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = this[name];
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// SHA-256 over a database and its WAL, so "unchanged" means nothing reached the disk. An empty
    /// WAL counts as none: SQLite creates it when a connection opens and deletes it when the last one
    /// closes (a pooled connection pruned while idle), neither of which writes anything.
    /// </summary>
    public static string HashDatabase(string path) =>
        string.Join("|", new[] { path, path + "-wal" }.Where(p => File.Exists(p) && new FileInfo(p).Length > 0)
            .Select(p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
