using System.Buffers;
using System.Text;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Character-by-character conversion between Traditional and Simplified Chinese, and the folding
/// search uses. Display and search share the same Unihan-derived table (Chinese/Data/variants.tsv),
/// so a word shown converted is always found by the same word typed in either script.
///
/// Conversion is per character, without word context: where one Simplified character stands for
/// several Traditional ones, ToTraditional always picks the same default (后→後, 里→裡, 干→幹,
/// 发→發, 于→於; 台, 余, 制 stay; the rules are in tools/PolicyNews.UnihanTables/VariantTables.cs).
/// Non-Han text passes through untouched.
/// </summary>
public static class ScriptConverter
{
    private static readonly Lazy<VariantMaps> Maps = new(VariantMaps.Load);

    public static string ToSimplified(string text) => Map(text, Maps.Value.ToSimplified);

    public static string ToTraditional(string text) => Map(text, Maps.Value.ToTraditional);

    /// <summary>
    /// The form both an indexed text and a query are reduced to before they are compared: Han
    /// characters in their Simplified form, fullwidth and halfwidth forms folded to their ordinary
    /// width (ＤｅｅｐＳｅｅｋ→DeepSeek, ｶ→カ, ideographic space→space), CJK compatibility
    /// ideographs to their unified form (NFC), and letters lower-cased (invariant culture).
    /// </summary>
    public static string FoldForSearch(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var rune in FoldWidth(text).EnumerateRunes())
            folded.Append(Rune.ToLowerInvariant(Simplify(rune)));
        return folded.ToString();
    }

    /// <summary>
    /// <see cref="FoldForSearch"/> one character at a time, remembering where each folded character
    /// came from, so a match found in the folded text can be highlighted in the original. Search
    /// indexes and queries both use this form. It differs from FoldForSearch only where FoldForSearch
    /// would join two characters into one (NFC of a letter and a combining mark, a halfwidth kana and
    /// its voiced mark): here each keeps its own folded form. Lone surrogate halves become U+FFFD,
    /// as SQLite would store them; a fold that changes the UTF-16 length (a Simplified form outside
    /// the basic plane, ﾞ→ ゙) is handled by the offset map.
    /// </summary>
    public static FoldedText FoldForSearchWithOffsets(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origins = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != OperationStatus.Done)
                rune = Rune.ReplacementChar;
            var before = folded.Length;
            FoldOne(rune, folded);
            for (var k = before; k < folded.Length; k++)
                origins.Add(i);
            i += length;
        }
        origins.Add(text.Length);
        return new FoldedText(folded.ToString(), origins.ToArray());
    }

    /// <summary>
    /// Unified Han and ASCII text (nearly everything the archive holds) skip the normalisation calls;
    /// they have no width or compatibility forms, so the result equals the general path. Everything else
    /// in the basic plane is folded once and remembered: Chinese punctuation (，。“”) comes every few
    /// characters, and normalising each one again made folding the paragraphs of one page of search
    /// hits cost several milliseconds.
    /// </summary>
    private static void FoldOne(Rune rune, StringBuilder folded)
    {
        if (rune.Value < 0x80)
            folded.Append(char.ToLowerInvariant((char)rune.Value));
        else if (Han.IsUnified(rune))
            folded.Append(Simplify(rune));          // Han has no case, and its Simplified form is Han
        else if (rune.IsBmp)
            folded.Append(FoldedBmp.GetOrAdd(rune.Value, value => FoldForSearch(((char)value).ToString())));
        else
            folded.Append(FoldForSearch(rune.ToString()));
    }

    // At most one entry per basic-plane character, so it cannot grow without bound.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> FoldedBmp = new();

    /// <summary>
    /// Every character in U+FF00..U+FFEF (and the ideographic space) has a &lt;wide&gt; or &lt;narrow&gt;
    /// compatibility decomposition, so NFKC on just those characters is exactly width folding,
    /// without NFKC's other rewrites (①→1, ﬁ→fi). The closing NFC joins halfwidth voiced marks.
    /// </summary>
    private static string FoldWidth(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0xFF00 and <= 0xFFEF or 0x3000)
                folded.Append(rune.ToString().Normalize(NormalizationForm.FormKC));
            else
                folded.Append(rune);
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static Rune Simplify(Rune rune) =>
        Maps.Value.ToSimplified.TryGetValue(rune.Value, out var simplified) ? new Rune(simplified) : rune;

    /// <summary>Lone surrogate halves are copied as they are rather than replaced with U+FFFD.</summary>
    private static string Map(string text, IReadOnlyDictionary<int, int> map)
    {
        var converted = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != OperationStatus.Done)
            {
                converted.Append(text[i++]);
                continue;
            }
            converted.Append(map.TryGetValue(rune.Value, out var target) ? new Rune(target) : rune);
            i += length;
        }
        return converted.ToString();
    }

    private sealed record VariantMaps(IReadOnlyDictionary<int, int> ToSimplified, IReadOnlyDictionary<int, int> ToTraditional)
    {
        public static VariantMaps Load()
        {
            var toSimplified = new Dictionary<int, int>();
            var toTraditional = new Dictionary<int, int>();
            foreach (var row in EmbeddedTable.Rows("variants.tsv"))
            {
                var map = row[0] == "S" ? toSimplified : toTraditional;
                map[EmbeddedTable.CodePoint(row[1])] = EmbeddedTable.CodePoint(row[2]);
            }
            return new VariantMaps(toSimplified, toTraditional);
        }
    }
}
