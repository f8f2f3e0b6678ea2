using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.ChineseTables;

/// <summary>
/// A table for <see cref="PhraseConverter"/>: single characters and words, each key with one value.
/// It is written sorted, one "key TAB value" per line; a word whose value is just its characters
/// converted one by one is written as the key alone. Such words are not useless: they stop an
/// overlapping word from taking their characters (人才 keeps 才 out of 才有 → 纔有), and they are
/// three quarters of OpenCC's STPhrases, so writing them key-only keeps the table small.
/// </summary>
public sealed class ConversionTable
{
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Entries => _entries;

    public bool Contains(string key) => _entries.ContainsKey(key);

    public void Set(string key, string value) => _entries[key] = value;

    public string? Get(string key) => _entries.GetValueOrDefault(key);

    /// <summary>The text converted with the single-character entries only.</summary>
    public string ByCharacter(string text) => ByCharacter(text, c => _entries.GetValueOrDefault(c));

    public static string ByCharacter(string text, Func<string, string?> map)
    {
        var converted = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var character = rune.ToString();
            converted.Append(map(character) ?? character);
        }
        return converted.ToString();
    }

    public IEnumerable<string> Lines(IEnumerable<string> header)
    {
        foreach (var line in header)
            yield return "# " + line;
        foreach (var (key, value) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (key == value && IsCharacter(key)) continue;         // converts to itself anyway
            yield return !IsCharacter(key) && ByCharacter(key) == value ? key : $"{key}\t{value}";
        }
    }

    /// <summary>
    /// Reads the written lines back the way the portal does and checks that every key converts to
    /// its value, so the key-only shorthand can never change what a word becomes.
    /// </summary>
    public void VerifyRoundTrip(IEnumerable<string> lines, string name)
    {
        var converter = PhraseConverter.FromRows(lines.Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')));
        foreach (var (key, value) in _entries)
            if (converter.Convert(key) != value)
                throw new InvalidOperationException($"{name}: {key} reads back as {converter.Convert(key)}, not {value}.");
    }

    private static bool IsCharacter(string key) => key.Length == 1 || (key.Length == 2 && char.IsSurrogatePair(key, 0));
}
