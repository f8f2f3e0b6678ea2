using System.Globalization;
using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Archive.Search;

public enum SearchQueryStatus
{
    /// <summary>At least one term to look for.</summary>
    Ready,
    /// <summary>Nothing searchable was typed (blank, or only punctuation and operators).</summary>
    Empty,
    /// <summary>Only -exclusions: there is nothing to exclude them from.</summary>
    OnlyExclusions,
}

/// <summary>
/// One term of a query. <see cref="Text"/> is what the reader typed (for display); <see cref="Words"/>
/// the index tokens it must match as consecutive tokens; <see cref="Syllables"/>, when the term is
/// spelled entirely in pinyin syllables, the alternative it may match in the pinyin columns.
/// </summary>
/// <remarks>
/// <see cref="Spellings"/> are the term's other spellings by words (<see cref="ScriptConverter"/>'s
/// phrase tables, both ways): a Simplified word whose Traditional form is a different word (反复 →
/// 反覆, 随着 → 隨著) does not fold to it character by character, so it is searched as well.
/// </remarks>
public sealed record SearchTerm(string Text, bool IsPhrase, bool IsExcluded, IReadOnlyList<string> Words, IReadOnlyList<string>? Syllables,
    IReadOnlyList<IReadOnlyList<string>>? Spellings = null)
{
    /// <summary><see cref="Words"/> and then every other spelling's tokens.</summary>
    public IEnumerable<IReadOnlyList<string>> AllSpellings => Spellings is null ? [Words] : [Words, .. Spellings];
}

/// <summary>
/// What a reader typed, parsed. Whitespace separates terms, all of which must match (AND);
/// "double quotes" (also “…” and 「…」) make a phrase; a leading - excludes a term. Letters are
/// compared folded (either script, any case or width). Nothing the reader types is an FTS5
/// operator: every term becomes a quoted FTS5 string built only from letters, digits and the break
/// token, so AND, OR, NEAR, *, ^, :, parentheses and stray quotes are just text (and punctuation
/// is dropped like everywhere else in the index). Parsing never throws.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxTerms = 16;

    /// <summary>The column filter of each token form in one FTS5 table (Labels and LabelPairs: null where the table has none).</summary>
    sealed record IndexColumns(string Words, string WordPairs, string Pinyin, string PinyinPairs, string PinyinReadings, string PinyinWords);

    // search_sections holds every form for the heading and for the body, and the labels (title,
    // author, source, tag names) in the words and pairs forms; search_headings the same forms of the
    // heading alone (migrations 005, 010).
    static readonly IndexColumns SectionColumns = new("{heading body labels}", "{heading_pairs body_pairs label_pairs}",
        "{heading_pinyin body_pinyin}", "{heading_pinyin_pairs body_pinyin_pairs}", "{heading_pinyin_readings body_pinyin_readings}",
        "{heading_pinyin_words body_pinyin_words}");
    static readonly IndexColumns HeadingColumns = new("{heading}", "{heading_pairs}", "{heading_pinyin}", "{heading_pinyin_pairs}",
        "{heading_pinyin_readings}", "{heading_pinyin_words}");

    /// <summary>Terms this many tokens apart or fewer are close (rule 3 of the ranking).</summary>
    public const int CloseWithin = 10;

    SearchQuery(string text, IReadOnlyList<SearchTerm> terms, bool truncated)
    {
        Text = text;
        Terms = terms;
        Truncated = truncated;
        Included = terms.Where(t => !t.IsExcluded).ToList();
        Status = Included.Count > 0 ? SearchQueryStatus.Ready
            : terms.Count > 0 ? SearchQueryStatus.OnlyExclusions
            : SearchQueryStatus.Empty;
        if (Status == SearchQueryStatus.Ready)
        {
            var included = All(Included.Select(t => Expression(t, SectionColumns, MatchTier.Other)));
            var excluded = terms.Where(t => t.IsExcluded).Select(t => Expression(t, SectionColumns, MatchTier.Other)).ToList();
            ExclusionMatchExpression = excluded.Count == 0 ? null : string.Join(" OR ", excluded);
            MatchExpression = Without(included, ExclusionMatchExpression);
            HeadingMatchExpression = string.Join(" AND ", Included.Select(t => Expression(t, HeadingColumns, MatchTier.Other)));
            // Tiers only differ when some term may match through pinyin.
            TierMatchExpressions = Included.All(t => t.Syllables is null) ? []
                : [All(Included.Select(t => Expression(t, SectionColumns, MatchTier.Text))),
                   All(Included.Select(t => Expression(t, SectionColumns, MatchTier.WordReading)))];
            NearMatchExpression = Included.Count < 2 ? null : Near(Included);
        }
    }

    /// <summary>How a term matched, best first (docs/search.md, "Ranking").</summary>
    public enum MatchTier
    {
        /// <summary>The text itself, folded (either script, any variant, case or width), a Latin word as a word.</summary>
        Text,
        /// <summary>Pinyin read as the text's words are usually read (pinyin-pro's word list).</summary>
        WordReading,
        /// <summary>Pinyin that only lines up character by character, across words or in another reading.</summary>
        Other,
    }

    /// <summary>
    /// The sections matching at tier 0, 1, … or better (<see cref="MatchTier"/>: every included term
    /// matched at that tier or better), over search_sections; empty when no term can match through
    /// pinyin, so every hit is tier 0. A section outside all of them is of the last tier.
    /// </summary>
    public IReadOnlyList<string> TierMatchExpressions { get; } = [];

    /// <summary>
    /// Sections in which each included term stands within <see cref="CloseWithin"/> tokens of the next
    /// one, as text, in the heading or in the body; null for a query of one term.
    /// </summary>
    public string? NearMatchExpression { get; }

    /// <summary>
    /// The hits of tier <paramref name="tier"/> exactly (better tiers removed), exclusions applied:
    /// past the exact limit each tier is listed after the one before.
    /// </summary>
    public string TierStream(int tier)
    {
        if (TierMatchExpressions.Count == 0)
            return MatchExpression!;
        var within = tier < TierMatchExpressions.Count ? TierMatchExpressions[tier] : All(Included.Select(t => Expression(t, SectionColumns, MatchTier.Other)));
        var better = tier == 0 ? null : TierMatchExpressions[tier - 1];
        return Without(Without(within, better), ExclusionMatchExpression);
    }

    /// <summary>How many tiers the hits fall into: 1 when no term can match through pinyin, else 3.</summary>
    public int TierCount => TierMatchExpressions.Count == 0 ? 1 : TierMatchExpressions.Count + 1;

    static string All(IEnumerable<string> terms) => "(" + string.Join(" AND ", terms) + ")";

    static string Without(string expression, string? excluded) => excluded is null ? expression : $"({expression}) NOT ({excluded})";

    /// <summary>The query as searched: control characters removed, cut to <see cref="MaxLength"/>.</summary>
    public string Text { get; }

    public IReadOnlyList<SearchTerm> Terms { get; }

    /// <summary>The input was longer than <see cref="MaxLength"/> or had more than <see cref="MaxTerms"/> terms; the rest was ignored.</summary>
    public bool Truncated { get; }

    public SearchQueryStatus Status { get; }

    /// <summary>The FTS5 MATCH expression over search_sections, or null when <see cref="Status"/> is not Ready.</summary>
    public string? MatchExpression { get; }

    /// <summary>
    /// The included terms over search_headings: sections whose heading holds every one of them.
    /// Exclusions are not in it, because they apply to the whole section (<see cref="ExclusionMatchExpression"/>).
    /// </summary>
    public string? HeadingMatchExpression { get; }

    /// <summary>Over search_sections, sections holding any excluded term; null when nothing is excluded.</summary>
    public string? ExclusionMatchExpression { get; }

    /// <summary>The terms that must match (not the exclusions).</summary>
    public IReadOnlyList<SearchTerm> Included { get; }

    public static SearchQuery Parse(string? input)
    {
        var (text, truncated) = Clean(input ?? "");
        var folded = ScriptConverter.FoldForSearchWithOffsets(text);
        var f = folded.Text;
        var terms = new List<SearchTerm>();

        for (var i = 0; i < f.Length;)
        {
            if (char.IsWhiteSpace(f[i])) { i++; continue; }

            var excluded = false;
            if (f[i] == '-' && i + 1 < f.Length && !char.IsWhiteSpace(f[i + 1]))
            {
                excluded = true;
                i++;
            }

            int start, end;
            var isPhrase = OpeningQuotes.Contains(f[i]);
            if (isPhrase)
            {
                start = i + 1;
                var close = f.IndexOfAny(ClosingQuotes, start);
                end = close < 0 ? f.Length : close;       // an unclosed quote runs to the end
                i = close < 0 ? f.Length : close + 1;
            }
            else
            {
                start = i;
                while (i < f.Length && !char.IsWhiteSpace(f[i]) && !OpeningQuotes.Contains(f[i]) && !ClosingQuotes.Contains(f[i]))
                    i++;
                end = i;
                if (end == start) { i++; continue; }      // a stray closing quote
            }

            var (originalStart, originalEnd) = folded.OriginalSpan(start, end);
            var term = MakeTerm(f[start..end], text[originalStart..originalEnd], isPhrase, excluded);
            if (term is null) continue;
            if (terms.Count == MaxTerms) { truncated = true; break; }
            terms.Add(term);
        }
        return new SearchQuery(text, terms, truncated);
    }

    static readonly char[] OpeningQuotes = ['"', '“', '「', '『'];
    static readonly char[] ClosingQuotes = ['"', '”', '」', '』'];

    /// <summary>
    /// Drops control and format characters and lone surrogate halves (they cannot be matched and
    /// SQLite would mangle them), turns tabs and line breaks into spaces, and caps the length
    /// without splitting a surrogate pair.
    /// </summary>
    static (string Text, bool Truncated) Clean(string input)
    {
        var cleaned = new StringBuilder(Math.Min(input.Length, MaxLength));
        var truncated = false;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            string piece;
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                piece = input.Substring(i++, 2);
            else if (char.IsSurrogate(c))
                continue;
            else if (c is '\t' or '\n' or '\r' or '\u2028' or '\u2029')
                piece = " ";
            else if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format)
                continue;
            else
                piece = c.ToString();

            if (cleaned.Length + piece.Length > MaxLength)
            {
                truncated = true;
                break;
            }
            cleaned.Append(piece);
        }
        return (cleaned.ToString(), truncated);
    }

    static SearchTerm? MakeTerm(string folded, string original, bool isPhrase, bool excluded)
    {
        var words = SearchTokens.Words(folded).Select(t => t.Text).ToList();
        // A break at either end only says the reader typed punctuation there.
        while (words.Count > 0 && words[0] == SearchTokens.Break) words.RemoveAt(0);
        while (words.Count > 0 && words[^1] == SearchTokens.Break) words.RemoveAt(words.Count - 1);
        if (words.Count == 0)
            return null;
        return new SearchTerm(original.Trim(), isPhrase, excluded, words, PinyinOf(folded), OtherSpellings(original, words));
    }

    /// <summary>
    /// The term converted by words to Traditional and to Simplified, folded and tokenised, where that
    /// gives other tokens than the term folded character by character; null when none does.
    /// </summary>
    static List<IReadOnlyList<string>>? OtherSpellings(string original, List<string> words)
    {
        List<IReadOnlyList<string>>? spellings = null;
        foreach (var converted in new[] { ScriptConverter.ToTraditional(original), ScriptConverter.ToSimplified(original) })
        {
            var tokens = SearchTokens.Words(ScriptConverter.FoldForSearchWithOffsets(converted).Text).Select(t => t.Text)
                .Where(t => t != SearchTokens.Break).ToList();
            if (tokens.Count > 0 && !tokens.SequenceEqual(words.Where(t => t != SearchTokens.Break))
                && (spellings is null || !spellings.Any(s => s.SequenceEqual(tokens))))
                (spellings ??= []).Add(tokens);
        }
        return spellings;
    }

    /// <summary>
    /// Syllables when the term is nothing but ASCII letters, spaces and apostrophes (xi'an) and every
    /// piece splits into pinyin syllables; otherwise null.
    /// </summary>
    static IReadOnlyList<string>? PinyinOf(string folded)
    {
        if (!folded.Any(char.IsAsciiLetterLower) || !folded.All(c => char.IsAsciiLetterLower(c) || c is ' ' or '\''))
            return null;
        var syllables = new List<string>();
        foreach (var piece in folded.Split([' ', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            var split = PinyinSyllables.Split(piece);
            if (split is null)
                return null;
            syllables.AddRange(split);
        }
        return syllables;
    }

    /// <summary>
    /// A term is looked up in the pairs columns unless one of its Han characters stands alone (a
    /// one-character word such as 才): a pair list is far shorter than a common character's list.
    /// Up to <paramref name="tier"/>: the text alone, then the word readings, then every other
    /// pinyin match. Tokens hold only letters, digits, "¦" and "_", never a double quote, so quoting
    /// them is enough to keep them text; the doubling is there anyway so the rule holds whatever a token holds.
    /// </summary>
    static string Expression(SearchTerm term, IndexColumns columns, MatchTier tier)
    {
        var words = TextExpression(term, columns);
        if (term.Syllables is null || tier == MatchTier.Text)
            return words;
        var alternatives = new List<string> { words };
        // A word reading: the syllables cut into whole words of the word-reading form, every way.
        alternatives.AddRange(SearchTokens.WordCuts(term.Syllables).Select(cut => $"{columns.PinyinWords} : {Quote(cut)}"));
        if (tier == MatchTier.Other)
        {
            if (term.Syllables.Count == 1)
                alternatives.Add($"{columns.Pinyin} : {Quote(term.Syllables)}");
            else
            {
                var pairs = Quote(SearchTokens.PinyinPairs(Tokens(term.Syllables)).Select(t => t.Text));
                alternatives.Add($"{columns.PinyinPairs} : {pairs}");
                // Two syllables are one pair: in the usual readings, or in any other the two characters have.
                if (term.Syllables.Count == 2)
                    alternatives.Add($"{columns.PinyinReadings} : {pairs}");
            }
        }
        return "(" + string.Join(" OR ", alternatives) + ")";
    }

    static string TextExpression(SearchTerm term, IndexColumns columns)
    {
        var spellings = term.AllSpellings.Select(words => SearchTokens.HasLoneHan(words)
            ? $"{columns.Words} : {Quote(words)}"
            : $"{columns.WordPairs} : {Quote(SearchTokens.WordPairs(Tokens(words)).Select(t => t.Text))}").ToList();
        return spellings.Count == 1 ? spellings[0] : "(" + string.Join(" OR ", spellings) + ")";
    }

    /// <summary>
    /// Each term within <see cref="CloseWithin"/> tokens of the next, as text, in the heading or the
    /// body: in the pairs columns, or in the single-character columns if some term has a lone Han
    /// character (FTS5's NEAR needs every phrase in one column).
    /// </summary>
    static string Near(IReadOnlyList<SearchTerm> terms)
    {
        var single = terms.Any(t => SearchTokens.HasLoneHan(t.Words));
        var columns = single ? "{heading body}" : "{heading_pairs body_pairs}";
        var phrases = terms.Select(t => single ? Quote(t.Words) : Quote(SearchTokens.WordPairs(Tokens(t.Words)).Select(p => p.Text))).ToList();
        return "(" + string.Join(" AND ", phrases.Zip(phrases.Skip(1), (a, b) => $"{columns} : NEAR({a} {b}, {CloseWithin})")) + ")";
    }

    /// <summary>The text phrase of a term as PostgresSearch and the near rule see it: words or pairs tokens.</summary>
    public static IReadOnlyList<string> TextTokens(SearchTerm term, bool single) =>
        single ? term.Words : SearchTokens.WordPairs(Tokens(term.Words)).Select(t => t.Text).ToList();

    static List<SearchToken> Tokens(IEnumerable<string> texts) => texts.Select(t => new SearchToken(t, 0, 0)).ToList();

    static string Quote(IEnumerable<string> tokens) => "\"" + string.Join(' ', tokens).Replace("\"", "\"\"") + "\"";
}
