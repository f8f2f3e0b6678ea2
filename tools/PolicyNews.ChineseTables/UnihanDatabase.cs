using System.Diagnostics;
using System.Globalization;

namespace PolicyNews.ChineseTables;

/// <summary>The Unihan fields this tool uses, keyed by code point then by field name.</summary>
public sealed class UnihanDatabase
{
    private static readonly string[] SourceFiles =
        ["Unihan_Variants", "Unihan_Readings", "Unihan_DictionaryLikeData", "Unihan_OtherMappings"];

    private static readonly HashSet<string> UsedFields =
    [
        "kSimplifiedVariant", "kTraditionalVariant",
        "kMandarin", "kHanyuPinyin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013",
        "kFrequency", "kTGH", "kGB0", "kBigFive",
    ];

    private readonly Dictionary<int, Dictionary<string, string>> _fields = new();

    public IEnumerable<int> CodePoints => _fields.Keys;

    public string? Field(int codePoint, string field) =>
        _fields.TryGetValue(codePoint, out var fields) && fields.TryGetValue(field, out var value) ? value : null;

    /// <summary>Values like "U+570B U+56FD" (variants) as code points; source tags ("&lt;kLau") are dropped.</summary>
    public IReadOnlyList<int> CodePointsOf(int codePoint, string field) =>
        Field(codePoint, field) is { } value
            ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => ParseCodePoint(v.Split('<')[0])).ToList()
            : [];

    public static UnihanDatabase Load(string directory)
    {
        var database = new UnihanDatabase();
        foreach (var name in SourceFiles)
            foreach (var line in ReadLines(directory, name))
                database.Add(line);
        return database;
    }

    private void Add(string line)
    {
        if (line.Length == 0 || line[0] == '#') return;
        var parts = line.Split('\t');
        if (parts.Length != 3 || !UsedFields.Contains(parts[1])) return;
        var codePoint = ParseCodePoint(parts[0]);
        if (!_fields.TryGetValue(codePoint, out var fields))
            _fields[codePoint] = fields = new Dictionary<string, string>(StringComparer.Ordinal);
        fields[parts[1]] = parts[2];
    }

    private static int ParseCodePoint(string text) =>
        int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Prefers an already decompressed .txt; otherwise decompresses the .txt.bz2 with bzcat.</summary>
    private static IEnumerable<string> ReadLines(string directory, string name)
    {
        var plain = Path.Combine(directory, name + ".txt");
        if (File.Exists(plain)) return File.ReadLines(plain);

        var compressed = plain + ".bz2";
        if (!File.Exists(compressed))
            throw new FileNotFoundException($"Neither {plain} nor {compressed} exists.");
        return ReadThroughBzcat(compressed);
    }

    private static IEnumerable<string> ReadThroughBzcat(string path)
    {
        var start = new ProcessStartInfo("bzcat") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bzcat.");
        while (process.StandardOutput.ReadLine() is { } line)
            yield return line;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bzcat {path} exited with {process.ExitCode}.");
    }
}
