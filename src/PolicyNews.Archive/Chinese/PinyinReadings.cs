using System.Globalization;
using System.Text;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Mandarin readings of Han characters, from Chinese/Data/readings.tsv: toned pinyin, lower case,
/// NFC, the usual reading first, then every other reading Unihan records (including neutral-tone
/// ones like 的 de and literary ones from the Hanyu Da Zidian). The full set matters because the
/// mojibake repair uses a source's reading annotation to confirm a candidate character.
/// </summary>
public static class PinyinReadings
{
    private static readonly Lazy<Dictionary<int, string[]>> Readings = new(Load);

    /// <summary>Toned readings, e.g. 創 → ["chuàng", "chuāng", "qiāng"]; empty when unknown.</summary>
    public static IReadOnlyList<string> Of(int codePoint) =>
        Readings.Value.TryGetValue(codePoint, out var readings) ? readings : [];

    /// <summary>A lone surrogate half has no reading; use the code point overload for those characters.</summary>
    public static IReadOnlyList<string> Of(char character) => Of((int)character);

    /// <summary>Every character that has a reading, in no particular order.</summary>
    public static IEnumerable<int> All() => Readings.Value.Keys;

    /// <summary>
    /// True when <paramref name="tonedReading"/> is one of the character's readings, compared case-
    /// insensitively after NFC, so a decomposed "lu\u0308\u0300" matches the stored "lǜ".
    /// </summary>
    public static bool CanRead(int codePoint, string tonedReading)
    {
        var wanted = tonedReading.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        return Of(codePoint).Contains(wanted);
    }

    /// <summary>
    /// True when the character has a reading with this spelling regardless of tone. Accepts the
    /// three ways ü gets typed without tone marks: 绿 matches "lü", "lv" and also the loose "lu"
    /// (which, being loose, also matches every character read lu).
    /// </summary>
    public static bool CanReadToneless(int codePoint, string reading)
    {
        var wanted = Toneless(reading);
        var wantedLoose = wanted.Replace('v', 'u');
        return Of(codePoint).Select(Toneless).Any(r => r == wanted || r.Replace('v', 'u') == wantedLoose);
    }

    /// <summary>
    /// The reading without tone marks, lower case, with ü written "v" as pinyin keyboards do:
    /// "chuàng"→"chuang", "lǜ"→"lv", "lü"→"lv", "lv"→"lv". A plain "lu" stays "lu": nothing in it
    /// says the vowel was ü (use <see cref="CanReadToneless"/> to accept it for 绿). Tone marks on
    /// ê, m and n go too ("ê̄"→"e", "ḿ"→"m").
    /// </summary>
    public static string Toneless(string toned)
    {
        var toneless = new StringBuilder(toned.Length);
        foreach (var c in toned.Trim().Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c == '\u0308' && toneless.Length > 0 && toneless[^1] == 'u')
                toneless[^1] = 'v';
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                toneless.Append(c);
        }
        return toneless.ToString();
    }

    private static Dictionary<int, string[]> Load() =>
        EmbeddedTable.Rows("readings.tsv").ToDictionary(row => EmbeddedTable.CodePoint(row[0]), row => row[1].Split(' '));
}
