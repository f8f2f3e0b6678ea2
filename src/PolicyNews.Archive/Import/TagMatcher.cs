using System.Buffers;
using System.Text;
using PolicyNews.Archive.Chinese;

namespace PolicyNews.Archive.Import;

/// <summary>A place where a text mentions a tag: <c>[Start, End)</c> of the original text.</summary>
public sealed record TagMention(TagDefinition Tag, int Start, int End);

/// <summary>
/// Decides which tags a text mentions. Three rules, in this order:
/// <list type="number">
/// <item>Text and terms are compared folded (<see cref="Fold"/>), and each term also in its word-level
///   Simplified and Traditional spellings, so a tag written once in Traditional finds 遊戲科學, 游戲科學
///   and 游戏科学, 楊學明 and 杨学明, 山姆·奧特曼 with any middle dot. Latin terms match whole words,
///   ignoring case: AI matches 人工智能（AI） but not OpenAI.</item>
/// <item>A match inside one of its tag's <c>exclude</c> contexts does not count (兩會 in 浙江省兩會).</item>
/// <item>The longest match wins: a match that overlaps a longer match of any tag's term does not
///   count, so 浙江大學 is not also 浙江, and 中國科學院杭州醫學研究所 is not also 杭州.</item>
/// </list>
/// Built once per taxonomy and immutable, so one instance serves many texts.
/// </summary>
public sealed class TagMatcher
{
    readonly record struct Spelling(string Folded, TagDefinition Tag, bool LatinStart, bool LatinEnd);

    readonly List<Spelling> spellings = [];
    readonly Dictionary<string, string[]> exclusions = new(StringComparer.Ordinal);   // by slug, folded

    public TagMatcher(IEnumerable<TagDefinition> tags)
    {
        foreach (var tag in tags)
        {
            foreach (var folded in tag.Terms.SelectMany(Spellings).Distinct())
                spellings.Add(new Spelling(folded, tag, IsLatinWord(folded[0]), IsLatinWord(folded[^1])));
            if (tag.Exclude is { Count: > 0 } exclude)
                exclusions[tag.Slug] = exclude.Where(e => !string.IsNullOrWhiteSpace(e)).SelectMany(Spellings).Distinct().ToArray();
        }
    }

    /// <summary>The tags that <paramref name="text"/> mentions, each once, in order of first mention.</summary>
    public IReadOnlyList<TagDefinition> TagsMentionedIn(string text) =>
        Mentions(text).OrderBy(m => m.Start).Select(m => m.Tag).DistinctBy(t => t.Slug).ToList();

    /// <summary>The mentions that count, after exclusions and the longest-match rule, in text order.</summary>
    public IReadOnlyList<TagMention> Mentions(string text)
    {
        var folded = Fold(text);
        var candidates = Find(folded.Text).Where(m => !IsExcluded(m, folded.Text)).ToList();

        // Longest first; at equal length the earlier one. Every tag whose term spans exactly the
        // winning place counts (two tags may share a term); anything overlapping it does not.
        var taken = new bool[folded.Text.Length];
        var counted = new List<(Spelling Spelling, int Start, int End)>();
        foreach (var place in candidates.GroupBy(m => (m.Start, m.End))
                     .OrderByDescending(g => g.Key.End - g.Key.Start).ThenBy(g => g.Key.Start))
        {
            var (start, end) = place.Key;
            if (taken.AsSpan(start, end - start).Contains(true))
                continue;
            taken.AsSpan(start, end - start).Fill(true);
            counted.AddRange(place);
        }
        return ToMentions(counted, folded);
    }

    /// <summary>
    /// Every place any term matches, before exclusions and the longest-match rule: what the taxonomy's
    /// terms already cover (suggest-tags leaves these places alone).
    /// </summary>
    public IReadOnlyList<TagMention> Matches(string text)
    {
        var folded = Fold(text);
        return ToMentions(Find(folded.Text).ToList(), folded);
    }

    IEnumerable<(Spelling Spelling, int Start, int End)> Find(string folded)
    {
        foreach (var spelling in spellings)
        {
            var term = spelling.Folded;
            for (var at = folded.IndexOf(term, StringComparison.Ordinal); at >= 0;
                 at = folded.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                var end = at + term.Length;
                // Chinese has no spaces, so a Chinese term matches anywhere; a Latin term must not
                // run into other Latin letters or digits.
                var clearBefore = !spelling.LatinStart || at == 0 || !IsLatinWord(folded[at - 1]);
                var clearAfter = !spelling.LatinEnd || end == folded.Length || !IsLatinWord(folded[end]);
                if (clearBefore && clearAfter)
                    yield return (spelling, at, end);
            }
        }
    }

    /// <summary>Whether the match lies wholly inside one of its own tag's excluded contexts.</summary>
    bool IsExcluded((Spelling Spelling, int Start, int End) match, string folded)
    {
        if (!exclusions.TryGetValue(match.Spelling.Tag.Slug, out var contexts))
            return false;
        foreach (var context in contexts)
        {
            // A context that contains the match starts at most context.Length − match length before it.
            var from = Math.Max(0, match.End - context.Length);
            for (var at = folded.IndexOf(context, from, StringComparison.Ordinal); at >= 0 && at <= match.Start;
                 at = folded.IndexOf(context, at + 1, StringComparison.Ordinal))
            {
                if (at + context.Length >= match.End)
                    return true;
            }
        }
        return false;
    }

    static List<TagMention> ToMentions(List<(Spelling Spelling, int Start, int End)> matches, FoldedText folded) =>
        matches.DistinctBy(m => (m.Spelling.Tag.Slug, m.Start, m.End))
            .OrderBy(m => m.Start).ThenBy(m => m.End)
            .Select(m =>
            {
                var (start, end) = folded.OriginalSpan(m.Start, m.End);
                return new TagMention(m.Spelling.Tag, start, end);
            })
            .ToList();

    /// <summary>
    /// The folded spellings a term is looked for in: as written, and converted word by word to
    /// Simplified and to Traditional. Folding alone merges most variants (遊/游, 籤/簽/签), but it keeps
    /// apart characters that Simplified still distinguishes (覆 from 复, 著 from 着); the word-level
    /// forms cover those, so a term 反覆 also finds 反复.
    /// </summary>
    public static IEnumerable<string> Spellings(string term) =>
        new[] { term, ScriptConverter.ToSimplified(term), ScriptConverter.ToTraditional(term) }
            .Select(spelling => Fold(spelling).Text)
            .Where(spelling => spelling.Length > 0)
            .Distinct();

    /// <summary>
    /// The form tag matching compares: Han characters by <see cref="VariantFolding"/> (裏/裡/里, 遊/游,
    /// 籤/簽/签), every middle dot a name may be written with as ·, fullwidth ASCII as ASCII, and
    /// Latin letters in lower case. Each output unit remembers where it came from, so a match maps
    /// back onto the original text.
    /// </summary>
    public static FoldedText Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origins = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length;)
        {
            var before = folded.Length;
            var length = 1;
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == OperationStatus.Done)
            {
                folded.Append(FoldOne(rune));
                length = consumed;
            }
            else
                folded.Append(text[i]);     // a lone surrogate half stays as it is
            for (var k = before; k < folded.Length; k++)
                origins.Add(i);
            i += length;
        }
        origins.Add(text.Length);
        return new FoldedText(folded.ToString(), origins.ToArray());
    }

    /// <summary>
    /// The middle dots that join the parts of a transliterated name (安德烈·卡帕西): the Latin-1 one
    /// Chinese text should use, the katakana and halfwidth katakana ones, the bullet, the hyphenation
    /// point, the Greek ano teleia, the bullet and dot operators.
    /// </summary>
    public const string MiddleDots = "\u00B7\u30FB\uFF65\u2022\u2027\u0387\u2219\u22C5";

    static string FoldOne(Rune rune)
    {
        var value = rune.Value;
        if (value is >= 0xFF01 and <= 0xFF5E)
            value -= 0xFEE0;                                    // fullwidth ASCII → ASCII
        if (value < 0x80)
            return char.ToLowerInvariant((char)value).ToString();
        if (value <= 0xFFFF && MiddleDots.Contains((char)value))
            return "\u00B7";
        return char.ConvertFromUtf32(VariantFolding.Fold(value));
    }

    static bool IsLatinWord(char c) => char.IsAsciiLetterOrDigit(c);
}
