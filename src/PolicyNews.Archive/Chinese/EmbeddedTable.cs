using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Reads the tables tools/PolicyNews.ChineseTables generates into Chinese/Data, which are embedded
/// in this assembly so nothing depends on a file system path or on Unihan being installed.
/// </summary>
internal static class EmbeddedTable
{
    public const string ResourcePrefix = "PolicyNews.Archive.Chinese.Data.";

    static readonly ConcurrentDictionary<string, int> Reads = new();

    /// <summary>
    /// How many times this process has read the table. Each table is read once and kept, however
    /// many threads ask for it first; this count lets a test see that.
    /// </summary>
    public static int ReadCount(string fileName) => Reads.GetValueOrDefault(fileName);

    /// <summary>The tab-separated fields of each data line; "#" lines are comments.</summary>
    public static IEnumerable<string[]> Rows(string fileName)
    {
        Reads.AddOrUpdate(fileName, 1, (_, count) => count + 1);
        var assembly = typeof(EmbeddedTable).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Embedded table {fileName} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            yield return line.Split('\t');
        }
    }

    /// <summary>A table cell holding exactly one character, possibly outside the BMP.</summary>
    public static int CodePoint(string cell) => char.ConvertToUtf32(cell, 0);
}
