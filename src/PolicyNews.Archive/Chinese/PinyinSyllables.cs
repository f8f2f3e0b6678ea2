using System.Collections.Concurrent;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Toneless pinyin spellings, from the Unihan readings in <see cref="PinyinReadings"/>: a
/// character's usual (first) reading, all its readings, and the syllable set (every toneless
/// reading in the table) that splits a run of letters such as "chuangxin" into syllables. Search
/// indexes and matches pinyin with them, and section slugs spell headings with the usual reading.
/// </summary>
public static class PinyinSyllables
{
    /// <summary>Longest syllable in the table (zhuang, chuang, shuang are 6 letters).</summary>
    const int MaxSyllableLength = 6;

    static readonly Lazy<HashSet<string>> Syllables = new(LoadSyllables);
    static readonly ConcurrentDictionary<int, string?> UsualCache = new();
    static readonly ConcurrentDictionary<int, string[]> ReadingsCache = new();

    /// <summary>The toneless spelling of the character's usual reading ("chuang" for 創 and 创, ü as v), or null.</summary>
    public static string? UsualReading(int codePoint) => UsualCache.GetOrAdd(codePoint, static c =>
        PinyinReadings.Of(c) is [var usual, ..] ? PinyinReadings.Toneless(usual) : null);

    /// <summary>Every distinct toneless reading of the character, the usual one first; empty when it has none.</summary>
    public static IReadOnlyList<string> Readings(int codePoint) => ReadingsCache.GetOrAdd(codePoint, static c =>
        PinyinReadings.Of(c).Select(PinyinReadings.Toneless).Distinct().ToArray());

    public static bool IsSyllable(string spelling) => Syllables.Value.Contains(spelling);

    /// <summary>
    /// Splits a run of lower-case ASCII letters into syllables, fewest syllables first (xian is
    /// one syllable, not xi·an; type xi'an or "xi an" for 西安); null when no split exists. Only
    /// syllables with a vowel count: the interjections m, n, ng, hm would split almost any word.
    /// </summary>
    public static IReadOnlyList<string>? Split(string letters)
    {
        if (letters.Length == 0 || letters.Length > 200)
            return null;
        // best[i] = fewest syllables covering letters[..i]; from[i] = where its last syllable starts.
        var best = new int[letters.Length + 1];
        var from = new int[letters.Length + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var end = 1; end <= letters.Length; end++)
            for (var start = Math.Max(0, end - MaxSyllableLength); start < end; start++)
                if (best[start] != int.MaxValue && best[start] + 1 < best[end] && IsSyllable(letters[start..end]))
                {
                    best[end] = best[start] + 1;
                    from[end] = start;
                }
        if (best[letters.Length] == int.MaxValue)
            return null;

        var syllables = new List<string>();
        for (var end = letters.Length; end > 0; end = from[end])
            syllables.Add(letters[from[end]..end]);
        syllables.Reverse();
        return syllables;
    }

    static HashSet<string> LoadSyllables()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var codePoint in PinyinReadings.All())
            foreach (var reading in PinyinReadings.Of(codePoint))
            {
                var toneless = PinyinReadings.Toneless(reading);
                if (toneless.Length <= MaxSyllableLength && toneless.All(c => c is >= 'a' and <= 'z') && toneless.IndexOfAny(['a', 'e', 'i', 'o', 'u', 'v']) >= 0)
                    set.Add(toneless);
            }
        return set;
    }
}
