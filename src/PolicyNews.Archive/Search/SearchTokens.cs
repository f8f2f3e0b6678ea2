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
/// token "¦", so no pair spans it: 杭州 is not found in "杭。州" nor across two paragraphs. Queries
/// never produce it except between two words the reader separated by such punctuation. FTS5's
/// unicode61 reads "¦" (a symbol) as a separator, so it leaves no token and no position there, and
/// PostgreSQL writes no lexeme for it either (TsVectors.Lexeme; docs/search.md, "PostgreSQL").
///
/// The pinyin form has one token per Han character — the toneless spelling of its usual
/// (first) Unihan reading — and a break wherever anything else stands. Only the usual reading: the
/// FTS5 index holds one token per position, and a character's other readings at the same position
/// would need a custom tokenizer. Pairs of neighbours in their other readings are indexed apart
/// (<see cref="PinyinReadingPairs"/>), so two-syllable words such as yinhang (银行) match
/// whichever readings they need.
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
            if (Han.IsCharacter(rune))
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
            var syllable = Han.IsCharacter(rune) ? PinyinSyllables.UsualReading(rune.Value) : null;
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

    /// <summary>Joins two pinyin syllables in a pair token; unicode61 is told it is a token character.</summary>
    public const string PairSeparator = "_";

    /// <summary>
    /// The pairs form of a words stream: each run of consecutive Han characters becomes its
    /// overlapping pairs (创新发展 → 创新 新发 发展), a run of one stays as it is, everything else is
    /// kept. A query of n ≥ 2 characters then reads n-1 short pair lists instead of n lists of single
    /// characters, which for common characters hold most of the archive (docs/search.md).
    /// </summary>
    public static List<SearchToken> WordPairs(List<SearchToken> words) => Pairs(words, IsHanToken, "");

    /// <summary>The same for the pinyin stream: neighbouring syllables pair up as chuang_xin.</summary>
    public static List<SearchToken> PinyinPairs(List<SearchToken> pinyin) => Pairs(pinyin, t => !t.IsBreak, PairSeparator);

    static List<SearchToken> Pairs(List<SearchToken> tokens, Func<SearchToken, bool> joins, string separator)
    {
        var pairs = new List<SearchToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var joinsNext = joins(token) && i + 1 < tokens.Count && joins(tokens[i + 1]);
            var joinedPrevious = joins(token) && i > 0 && joins(tokens[i - 1]);
            if (joinsNext)
                pairs.Add(new SearchToken(token.Text + separator + tokens[i + 1].Text, token.Start, tokens[i + 1].End));
            else if (!joinedPrevious)
                pairs.Add(token);
            // else: the last of a run, already inside the pair before it
        }
        return pairs;
    }

    /// <summary>
    /// The other-readings form: for each pair of neighbouring characters of the pinyin stream (the
    /// pairs <see cref="PinyinPairs"/> makes), every combination of their toneless readings other
    /// than the usual pair, once per text (行业 → hang_ye heng_ye …, beside xing_ye in the pairs
    /// form). Not positional: only a two-syllable query, one token, looks here.
    /// </summary>
    public static List<string> PinyinReadingPairs(string folded, List<SearchToken> pinyin)
    {
        var pairs = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < pinyin.Count; i++)
        {
            if (pinyin[i].IsBreak || pinyin[i + 1].IsBreak)
                continue;
            var first = PinyinSyllables.Readings(Rune.GetRuneAt(folded, pinyin[i].Start).Value);
            var second = PinyinSyllables.Readings(Rune.GetRuneAt(folded, pinyin[i + 1].Start).Value);
            foreach (var a in first)
                foreach (var b in second)
                    if ((a != first[0] || b != second[0]) && a + PairSeparator + b is var pair && seen.Add(pair))
                        pairs.Add(pair);
        }
        return pairs;
    }

    /// <summary>
    /// The word-reading form: each run of characters of the pinyin stream cut into words
    /// (<see cref="WordReadings.Segment"/>, longest match in pinyin-pro's word list), one token per
    /// word, its syllables as the word is usually read joined by "_" (重新 → chong_xin, 中心 →
    /// zhong_xin, 其實也 → qi_shi ye), breaks where the pinyin stream has them. A pinyin query
    /// found here was read as the text's own words read (search ranks that above syllables that
    /// only line up across words or in another reading: docs/search.md, "Ranking").
    /// </summary>
    public static List<string> PinyinWords(string folded, List<SearchToken> pinyin)
    {
        var tokens = new List<string>();
        for (var i = 0; i < pinyin.Count;)
        {
            if (pinyin[i].IsBreak)
            {
                tokens.Add(Break);
                i++;
                continue;
            }
            var run = new StringBuilder();
            for (; i < pinyin.Count && !pinyin[i].IsBreak; i++)
                run.Append(folded, pinyin[i].Start, pinyin[i].End - pinyin[i].Start);
            foreach (var word in WordReadings.Segment(run.ToString(), PinyinSyllables.UsualReading))
                tokens.Add(string.Join(PairSeparator, word.Syllables));
        }
        return tokens;
    }

    /// <summary>
    /// The ways a query's syllables can be read as whole words of the word-reading form, each a phrase
    /// of word tokens. The index holds words of one and two characters (longer words are cut into
    /// their two-character words), so the cuts are into pieces of two syllables, with at most one piece
    /// of one, at either end (shiye → shi_ye; yinhangye → yin_hang ye or yin hang_ye); a lone syllable
    /// stays itself. Cuts with more single syllables would each read the long lists of common
    /// syllables (a pinyin query became 4× slower with every cut). Up to <see cref="MaxWordSyllables"/>
    /// syllables; a longer term has none.
    /// </summary>
    public static List<List<string>> WordCuts(IReadOnlyList<string> syllables)
    {
        var cuts = new List<List<string>>();
        if (syllables.Count == 0 || syllables.Count > MaxWordSyllables)
            return cuts;
        for (var mask = 0; mask < 1 << (syllables.Count - 1); mask++)
        {
            if (!TwoSyllablePieces(mask, syllables.Count))
                continue;
            var words = new List<string>();
            var word = new StringBuilder(syllables[0]);
            for (var k = 1; k < syllables.Count; k++)
            {
                if ((mask & 1 << (k - 1)) != 0)
                {
                    words.Add(word.ToString());
                    word.Clear().Append(syllables[k]);
                }
                else
                    word.Append(PairSeparator).Append(syllables[k]);
            }
            words.Add(word.ToString());
            cuts.Add(words);
        }
        return cuts;
    }

    public const int MaxWordSyllables = 6;

    /// <summary>True when the cut (bit k set: a word ends after syllable k) makes pieces of two syllables, one of one allowed at an end.</summary>
    static bool TwoSyllablePieces(int mask, int count)
    {
        if (count == 1)
            return true;
        var pieces = new List<int>();
        var length = 1;
        for (var k = 1; k < count; k++)
        {
            if ((mask & 1 << (k - 1)) != 0)
            {
                pieces.Add(length);
                length = 1;
            }
            else
                length++;
        }
        pieces.Add(length);
        var singles = pieces.Count(p => p == 1);
        return pieces.All(p => p is 1 or 2) && singles <= 1 && (singles == 0 || pieces[0] == 1 || pieces[^1] == 1);
    }

    /// <summary>True when some Han character stands alone between non-Han tokens: only the single-character column holds it.</summary>
    public static bool HasLoneHan(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
            if (IsHanText(words[i]) && (i == 0 || !IsHanText(words[i - 1])) && (i + 1 == words.Count || !IsHanText(words[i + 1])))
                return true;
        return false;
    }

    /// <summary>Tokens as the text handed to FTS5: separated by spaces.</summary>
    public static string Join(IEnumerable<SearchToken> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    /// <summary>
    /// The six index forms of an unfolded text (null stays null). The SQL that fills the index asks
    /// for each form of a section's heading, its body and its labels, form after form, so the forms of
    /// the last three texts are kept per thread: keeping one made every call compute all of them again.
    /// </summary>
    public static IndexForms? ForIndex(string? text)
    {
        if (text is null)
            return null;
        recentForms ??= new IndexForms?[3];
        foreach (var recent in recentForms)
            if (recent is not null && recent.Source == text)
                return recent;
        var folded = ScriptConverter.FoldForSearchWithOffsets(text).Text;
        var words = Words(folded);
        var pinyin = Pinyin(folded);
        var forms = new IndexForms(text, Join(words), Join(WordPairs(words)), Join(pinyin), Join(PinyinPairs(pinyin)),
            string.Join(' ', PinyinReadingPairs(folded, pinyin)), string.Join(' ', PinyinWords(folded, pinyin)));
        recentForms[nextRecent] = forms;
        nextRecent = (nextRecent + 1) % recentForms.Length;
        return forms;
    }

    // A section's heading, body and labels: the three texts whose forms the SQL asks for in turn.
    [ThreadStatic] static IndexForms?[]? recentForms;
    [ThreadStatic] static int nextRecent;

    public sealed record IndexForms(string Source, string Words, string WordPairs, string Pinyin, string PinyinPairs, string PinyinReadingPairs,
        string PinyinWords);

    static bool IsHanToken(SearchToken token) => IsHanText(token.Text);

    /// <summary>Whether a token of the words form is a Han character (each is a token of its own).</summary>
    internal static bool IsHanText(string token) => token.Length > 0 && Han.IsCharacter(Rune.GetRuneAt(token, 0));

    /// <summary>Letters, digits and the marks that belong to them (é as e + U+0301) form words.</summary>
    static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune)) return true;
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
    }
}
