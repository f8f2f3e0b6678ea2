using System.Globalization;
using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Archive.Search;

/// <summary>A span [Start, End) of an original (unfolded) text.</summary>
public readonly record struct TextSpan(int Start, int End);

/// <summary>
/// Finds where a query's terms match in a stored text, the same way the index matched them (same
/// folding, same tokens, consecutive tokens for a term), and cuts snippets around the matches.
/// Positions are found in the folded text and mapped back through <see cref="FoldedText.Origins"/>,
/// so they are right in the original even where folding changed a character's length.
/// </summary>
public static class SearchHighlighter
{
    public const int SnippetLength = 110;
    const int ContextBefore = 30;

    /// <summary>The matched spans in <paramref name="text"/>, sorted and merged, and how many distinct terms matched.</summary>
    public static (List<TextSpan> Spans, int TermsMatched) Find(string text, SearchQuery query)
    {
        var (spans, termsMatched, _) = FindRanked(text, query);
        return (spans, termsMatched);
    }

    /// <summary>
    /// <see cref="Find"/>, and how many terms matched as text (not only through pinyin): the best
    /// paragraph of a hit is one that matches as the ranking did (docs/search.md, "Ranking").
    /// </summary>
    public static (List<TextSpan> Spans, int TermsMatched, int TermsMatchedAsText) FindRanked(string text, SearchQuery query)
    {
        var folded = ScriptConverter.FoldForSearchWithOffsets(text);
        if (CannotMatch(folded.Text, query))
            return ([], 0, 0);
        var words = SearchTokens.Words(folded.Text);
        // Pinyin tokens only when a term can match them: most queries are not pinyin.
        var pinyin = query.Included.Any(t => t.Syllables is not null) ? SearchTokens.Pinyin(folded.Text) : [];
        var spans = new List<TextSpan>();
        var termsMatched = 0;
        var asText = 0;
        foreach (var term in query.Included)
        {
            var before = spans.Count;
            foreach (var spelling in term.AllSpellings)
                AddOccurrences(words, spelling, folded, spans);
            if (spans.Count > before)
                asText++;
            if (term.Syllables is [var first, var second])
                AddReadingPairs(pinyin, first, second, folded, spans);
            else if (term.Syllables is not null)
                AddOccurrences(pinyin, term.Syllables, folded, spans);
            if (spans.Count > before)
                termsMatched++;
        }
        return (Merge(spans), termsMatched, asText);
    }

    /// <summary>
    /// Most paragraphs of a hit section hold none of the terms; a substring test on the folded text
    /// rules them out before tokenising. Only safe where token comparison is exact: no pinyin term,
    /// and no accented letters in the text (those compare with marks stripped).
    /// </summary>
    static bool CannotMatch(string folded, SearchQuery query) =>
        !MayCarryMarks(folded)
        && query.Included.All(t => t.Syllables is null && t.AllSpellings.All(s => s.Any(w => !folded.Contains(w, StringComparison.Ordinal))));

    /// <summary>The whole text as segments, matches marked (for headings).</summary>
    public static IReadOnlyList<SnippetSegment> Segments(string text, IReadOnlyList<TextSpan> spans) =>
        Segments(text, 0, text.Length, spans);

    /// <summary>
    /// About <see cref="SnippetLength"/> characters of <paramref name="text"/> starting a little
    /// before the first match (or from the start when nothing matched), never splitting a surrogate pair.
    /// </summary>
    public static Snippet Cut(string text, IReadOnlyList<TextSpan> spans)
    {
        if (text.Length == 0)
            return Snippet.Empty;
        var start = spans.Count == 0 ? 0 : Math.Max(0, spans[0].Start - ContextBefore);
        var end = Math.Min(text.Length, start + SnippetLength);
        start = Math.Max(0, Math.Min(start, end - SnippetLength));
        // A match the cut would split is shown whole.
        foreach (var span in spans)
            if (span.Start < end && span.End > end)
                end = span.End;
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        return new Snippet(Segments(text, start, end, spans), start > 0, end < text.Length);
    }

    static List<SnippetSegment> Segments(string text, int start, int end, IReadOnlyList<TextSpan> spans)
    {
        var segments = new List<SnippetSegment>();
        var at = start;
        foreach (var span in spans)
        {
            var s = Math.Max(span.Start, start);
            var e = Math.Min(span.End, end);
            if (s >= e) continue;
            if (s > at) segments.Add(new(text[at..s], false));
            segments.Add(new(text[s..e], true));
            at = e;
        }
        if (at < end) segments.Add(new(text[at..end], false));
        return segments;
    }

    static void AddOccurrences(List<SearchToken> tokens, IReadOnlyList<string> phrase, FoldedText folded, List<TextSpan> spans)
    {
        if (phrase.Count == 0) return;
        for (var i = 0; i + phrase.Count <= tokens.Count; i++)
        {
            var k = 0;
            while (k < phrase.Count && SameToken(tokens[i + k].Text, phrase[k])) k++;
            if (k < phrase.Count) continue;
            var (start, end) = folded.OriginalSpan(tokens[i].Start, tokens[i + phrase.Count - 1].End);
            spans.Add(new TextSpan(start, end));
        }
    }

    /// <summary>
    /// Two neighbouring characters that can be read as the two syllables, in any of their readings:
    /// the index matches two-syllable pinyin that way (SearchTokens.PinyinReadingPairs).
    /// </summary>
    static void AddReadingPairs(List<SearchToken> pinyin, string first, string second, FoldedText folded, List<TextSpan> spans)
    {
        for (var i = 0; i + 1 < pinyin.Count; i++)
        {
            if (pinyin[i].IsBreak || pinyin[i + 1].IsBreak
                || !PinyinSyllables.Readings(Rune.GetRuneAt(folded.Text, pinyin[i].Start).Value).Contains(first)
                || !PinyinSyllables.Readings(Rune.GetRuneAt(folded.Text, pinyin[i + 1].Start).Value).Contains(second))
                continue;
            var (start, end) = folded.OriginalSpan(pinyin[i].Start, pinyin[i + 1].End);
            spans.Add(new TextSpan(start, end));
        }
    }

    /// <summary>As unicode61 with remove_diacritics compares them: case and accents aside.</summary>
    /// Han tokens (nearly all of them) carry no marks, so they compare as they are: normalising every
    /// compared token made highlighting cost more than the FTS5 query itself.
    static bool SameToken(string a, string b) =>
        a == b || (MayCarryMarks(a) || MayCarryMarks(b)) && string.Equals(StripMarks(a), StripMarks(b), StringComparison.OrdinalIgnoreCase);

    /// <summary>Letters with accents or combining marks live between ASCII and the CJK blocks.</summary>
    static bool MayCarryMarks(string s)
    {
        foreach (var c in s)
            if (c is >= '\u0080' and < '\u3000')
                return true;
        return false;
    }

    static string StripMarks(string s)
    {
        var stripped = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                stripped.Append(c);
        return stripped.ToString();
    }

    static List<TextSpan> Merge(List<TextSpan> spans)
    {
        spans.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End.CompareTo(y.End));
        var merged = new List<TextSpan>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
            else
                merged.Add(span);
        }
        return merged;
    }
}
