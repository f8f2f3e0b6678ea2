using System.Globalization;
using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Archive.Search;

/// <summary>A token of folded text and the span of the folded text it came from.</summary>
public readonly record struct SearchToken(string Text, int Start, int End)
{
    public bool IsBreak => Text == SearchTokens.Break;
}

/// <summary>
/// How folded text becomes the tokens the FTS5 index holds, for the index and for queries alike.
/// SQLite's unicode61 tokenizer treats a run of Han characters as one word, so text is handed to
/// it pre-split: every Han character is its own token (一 one-character query is then an index
/// lookup, and a longer word is a phrase of consecutive characters); Latin letters and digits keep
/// forming words. Punctuation next to a Han character, and every line break, becomes the break
/// token "¦", so 杭州 is not found in "杭。州" nor across two paragraphs. unicode61 keeps "¦" (a
/// symbol, not punctuation) as a token; queries never produce it except between two words the
/// reader separated by such punctuation.
///
/// The pinyin form has one token per Han character — the toneless spelling of its usual
/// (first) Unihan reading — and a break wherever anything else stands.
/// </summary>
public static class SearchTokens
{
    public const string Break = "¦";

    /// <summary>The words form of <paramref name="folded"/> (already folded for search).</summary>
    public static List<SearchToken> Words(string folded)
    {
        var tokens = new List<SearchToken>();
        var wordStart = -1;
        var pendingBreak = false;     // punctuation or a line break seen since the last token
        var breakIsHard = false;      // … and it must break even between two Latin words

        void EndWord(int end)
        {
            if (wordStart < 0) return;
            tokens.Add(new SearchToken(folded[wordStart..end], wordStart, end));
            wordStart = -1;
        }

        void Emit(SearchToken token, bool isHan)
        {
            if (pendingBreak && tokens.Count > 0 && !tokens[^1].IsBreak && (breakIsHard || isHan || IsHanToken(tokens[^1])))
                tokens.Add(new SearchToken(Break, token.Start, token.Start));
            pendingBreak = breakIsHard = false;
        }

        for (var i = 0; i < folded.Length;)
        {
            var rune = Rune.GetRuneAt(folded, i);
            var length = rune.Utf16SequenceLength;
            if (IsHan(rune))
            {
                EndWord(i);
                var token = new SearchToken(folded.Substring(i, length), i, i + length);
                Emit(token, isHan: true);
                tokens.Add(token);
            }
            else if (IsWordRune(rune))
            {
                if (wordStart < 0)
                {
                    Emit(new SearchToken("", i, i), isHan: false);
                    wordStart = i;
                }
            }
            else
            {
                EndWord(i);
                if (rune.Value is '\n' or '\r' or 0x2028 or 0x2029)
                    pendingBreak = breakIsHard = true;
                else if (!Rune.IsWhiteSpace(rune))
                    pendingBreak = true;
            }
            i += length;
        }
        EndWord(folded.Length);
        return tokens;
    }

    /// <summary>The pinyin form: one toneless syllable per Han character, breaks elsewhere.</summary>
    public static List<SearchToken> Pinyin(string folded)
    {
        var tokens = new List<SearchToken>();
        var pendingBreak = false;
        for (var i = 0; i < folded.Length;)
        {
            var rune = Rune.GetRuneAt(folded, i);
            var length = rune.Utf16SequenceLength;
            var syllable = IsHan(rune) ? PinyinSyllables.UsualReading(rune.Value) : null;
            if (syllable is not null)
            {
                if (pendingBreak && tokens.Count > 0)
                    tokens.Add(new SearchToken(Break, i, i));
                tokens.Add(new SearchToken(syllable, i, i + length));
                pendingBreak = false;
            }
            else if (!Rune.IsWhiteSpace(rune) || rune.Value is '\n' or '\r')
                pendingBreak = true;
            i += length;
        }
        return tokens;
    }

    /// <summary>Tokens as the text handed to FTS5: separated by spaces.</summary>
    public static string Join(IEnumerable<SearchToken> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    /// <summary>The words form of an unfolded text, as indexed (null stays null).</summary>
    public static string? IndexWords(string? text) =>
        text is null ? null : Join(Words(ScriptConverter.FoldForSearchWithOffsets(text).Text));

    /// <summary>The pinyin form of an unfolded text, as indexed (null stays null).</summary>
    public static string? IndexPinyin(string? text) =>
        text is null ? null : Join(Pinyin(ScriptConverter.FoldForSearchWithOffsets(text).Text));

    /// <summary>
    /// Han ideographs: the unified blocks and extensions, compatibility ideographs, and the
    /// iteration marks 々 and 〇 that stand in Chinese text as characters.
    /// </summary>
    public static bool IsHan(Rune rune) => rune.Value is
        >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF
        or >= 0x20000 and <= 0x3FFFF or 0x3005 or 0x3007;

    static bool IsHanToken(SearchToken token) => token.Text.Length > 0 && IsHan(Rune.GetRuneAt(token.Text, 0));

    /// <summary>Letters, digits and the marks that belong to them (é as e + U+0301) form words.</summary>
    static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune)) return true;
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }
}
