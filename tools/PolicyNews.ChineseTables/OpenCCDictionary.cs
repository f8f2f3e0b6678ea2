using System.Diagnostics;

namespace PolicyNews.ChineseTables;

/// <summary>
/// One OpenCC dictionary (TSCharacters, STPhrases, …): each key with its candidates, best first.
/// OpenCC's converters always take the first candidate; the others say which other readings exist
/// (覆 → 覆 复: 覆 in 覆蓋, 复 in 反覆), which the folding table uses.
///
/// Debian's `opencc` package ships the dictionaries compiled (/usr/share/opencc/*.ocd2); they are
/// written out as text with OpenCC's own `opencc_dict` tool. A directory that already holds the
/// text form (NAME.txt, "key TAB candidate candidate …") is read as it is.
/// </summary>
public sealed class OpenCCDictionary
{
    private readonly Dictionary<string, string[]> _entries;

    private OpenCCDictionary(Dictionary<string, string[]> entries) => _entries = entries;

    public IReadOnlyDictionary<string, string[]> Entries => _entries;

    /// <summary>The first candidate, which is what OpenCC converts to; null when the key is absent.</summary>
    public string? First(string key) => _entries.TryGetValue(key, out var candidates) ? candidates[0] : null;

    public IReadOnlyList<string> Candidates(string key) => _entries.TryGetValue(key, out var candidates) ? candidates : [];

    public static OpenCCDictionary Load(string directory, string name)
    {
        var entries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in ReadLines(directory, name))
        {
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            if (parts.Length != 2)
                throw new InvalidDataException($"{name}: expected 'key TAB candidates' but read '{line}'.");
            entries[parts[0]] = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        return new OpenCCDictionary(entries);
    }

    private static IEnumerable<string> ReadLines(string directory, string name)
    {
        var text = Path.Combine(directory, name + ".txt");
        if (File.Exists(text)) return File.ReadAllLines(text);

        var compiled = Path.Combine(directory, name + ".ocd2");
        if (!File.Exists(compiled))
            throw new FileNotFoundException($"Neither {text} nor {compiled} exists (apt-get install opencc).");
        var temporary = Path.Combine(Path.GetTempPath(), $"opencc-{name}-{Environment.ProcessId}.txt");
        try
        {
            Run("opencc_dict", "-i", compiled, "-o", temporary, "-f", "ocd2", "-t", "text");
            return File.ReadAllLines(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors}");
    }
}
