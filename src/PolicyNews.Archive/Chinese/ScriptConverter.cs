using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// Conversion between Traditional and Simplified Chinese, by words then characters, from tables
/// generated out of OpenCC's dictionaries (Chinese/Data/t2s.tsv, s2t.tsv, t2tw.tsv; the rules are in
/// tools/PolicyNews.ChineseTables). A word is matched before its characters, so 反覆→反复 but
/// 覆蓋→覆盖, 隨著→随着 but 著作 stays, 之后→之後 but 皇后 stays. Non-Han text passes through.
///
/// Search folding is not conversion: <see cref="FoldForSearch"/> folds each character to the one
/// form all its variants share (<see cref="VariantFolding"/>), without word context.
/// </summary>
public static class ScriptConverter
{
    // Built on first use, once, whichever thread comes first (Lazy's default mode).
    private static readonly Lazy<PhraseConverter> TraditionalToSimplified = new(() => PhraseConverter.FromTable("t2s.tsv"));
    private static readonly Lazy<PhraseConverter> SimplifiedToTraditional = new(() => PhraseConverter.FromTable("s2t.tsv"));
    private static readonly Lazy<PhraseConverter> TraditionalToTaiwan = new(() => PhraseConverter.FromTable("t2tw.tsv"));

    /// <summary>Traditional (as written in Taiwan, Hong Kong or by OpenCC) to mainland Simplified.</summary>
    public static string ToSimplified(string text) => TraditionalToSimplified.Value.Convert(text);

    /// <summary>
    /// <see cref="ToSimplified"/> with a map from positions in the Traditional text to positions in
    /// the Simplified one, for text that carries marks at UTF-16 offsets (the JSON API's repairs,
    /// pinyin and search snippets). The text is the same as <see cref="ToSimplified"/>'s.
    /// </summary>
    public static ConvertedText ToSimplifiedWithOffsets(string text) => TraditionalToSimplified.Value.ConvertWithOffsets(text);

    /// <summary>
    /// Simplified to Traditional in the forms the archive's Traditional articles use: OpenCC's
    /// words and characters, with Taiwan's character forms (為, 裡, 著, 群 rather than 爲, 裏, 着, 羣).
    /// </summary>
    public static string ToTraditional(string text) => SimplifiedToTraditional.Value.Convert(text);

    /// <summary>
    /// Traditional to Taiwan's usage (臺灣正體): Taiwan's words where they differ (軟件→軟體,
    /// 信息→資訊) and Taiwan's character forms. The text stays Traditional.
    /// </summary>
    public static string ToTaiwan(string text) => TraditionalToTaiwan.Value.Convert(text);

    /// <summary>
    /// The form both an indexed text and a query are reduced to before they are compared: Han
    /// characters folded with all their variants to one form (<see cref="VariantFolding"/>: 遊/游,
    /// 週/周, 裏/裡/里, 墻/牆/墙; 覆 stays apart from 復/複), fullwidth and halfwidth forms folded to their ordinary
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
        // .NET's normaliser rejects the noncharacters U+FFFE and U+FFFF as invalid input (they
        // arrive in queries and ?hl=): normalise the text between them and keep them as they are.
        var width = folded.ToString();
        return width.AsSpan().IndexOfAny('\uFFFE', '\uFFFF') < 0
            ? width.Normalize(NormalizationForm.FormC)
            : Regex.Replace(width, "[^\uFFFE\uFFFF]+", m => m.Value.Normalize(NormalizationForm.FormC));
    }

    private static Rune Simplify(Rune rune) => new(VariantFolding.Fold(rune.Value));
}
