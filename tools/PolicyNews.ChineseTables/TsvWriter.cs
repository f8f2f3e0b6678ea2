using System.Text;

namespace PolicyNews.ChineseTables;

public static class TsvWriter
{
    /// <summary>UTF-8 without BOM, "\n" line ends, so the output is byte-identical on every machine.</summary>
    public static void Write(string path, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var line in lines)
            writer.WriteLine(line);
    }

    public static string Char(int codePoint) => char.ConvertFromUtf32(codePoint);
}
