using System.Text.RegularExpressions;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Import;

namespace PolicyNews.Importer;

/// <summary>
/// A name or term that no tag covers. <see cref="Count"/> counts only the places no tag's term
/// covers; <see cref="Guess"/> is a tags.json kind guessed from jieba's part of speech ("name" when
/// jieba cannot tell); <see cref="Glosses"/> are Latin forms the text gives in brackets right after
/// it (安德烈·卡帕西（Andrej Karpathy）); <see cref="ContainsTags"/> names tags whose terms lie inside
/// it (中國科學院計算技術研究所 contains chinese-academy-of-sciences).
/// </summary>
public sealed record TagCandidate(string Term, string Guess, int Count, int Sections, double Weight, string Example,
    IReadOnlyList<string> Glosses, IReadOnlyList<string> ContainsTags);

/// <summary>Names (people, places, organisations, other names) and common nouns, each list best first.</summary>
public sealed record TagSuggestions(IReadOnlyList<TagCandidate> Names, IReadOnlyList<TagCandidate> Terms);

/// <summary>
/// Finds frequent names and terms that no tag covers, so an editor can grow tags.json as the archive
/// grows. jieba.NET works on Simplified text, so each article is converted with
/// <see cref="ScriptConverter"/> and jieba picks its keywords (<see cref="JiebaKeywords"/>); each is
/// then looked for again in the archive's own text through <see cref="TagMatcher.Spellings"/>, so it
/// is counted and shown as the archive writes it. Names jieba cuts apart are also taken whole:
/// names joined by a middle dot, titles in 《》 and runs of capitalised Latin words.
///
/// A place covered by a tag's term, or by a longer candidate, does not count. Names are listed by
/// how often they occur, those with outside evidence of being a name (a rule found them, or the
/// text glosses them in Latin) first among equals, then by jieba's weight; terms by jieba's weight.
/// </summary>
public sealed partial class TagSuggester(IReadOnlyList<TagDefinition> tags, KeywordMethod method)
{
    const int ContextChars = 14;

    readonly TagMatcher matcher = new(tags);

    sealed class Candidate(string key, string guess)
    {
        public string Key { get; } = key;                 // folded form, as TagMatcher compares
        public string Guess { get; set; } = guess;
        public double Weight { get; set; }
        public bool FoundByRule { get; set; }             // a middle dot, 《》 or capitalised Latin words
        public HashSet<string> Spellings { get; } = [];   // folded spellings to look for
        public List<(int Section, int Start, int End)> Places { get; } = [];
        public List<string> Glosses { get; } = [];
        public bool IsName => Guess != JiebaKeywords.Term;
    }

    public TagSuggestions Suggest(IReadOnlyList<SectionText> sections, int minCount)
    {
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var article in sections.GroupBy(s => s.ArticleSlug))
        {
            var simplified = ScriptConverter.ToSimplified(string.Join('\n', article.Select(s => s.Text)));
            var keywords = JiebaKeywords.Extract(simplified, method, out var dottedNames);
            foreach (var keyword in keywords)
                Get(candidates, keyword.Word, keyword.Guess).Weight += keyword.Weight;
            foreach (var name in dottedNames)
                FoundByRule(Get(candidates, name, "person"), "person");
        }
        foreach (var section in sections)
            foreach (var (pattern, guess) in new[] { (Title(), "organisation"), (LatinName(), "name") })
                foreach (Match match in pattern.Matches(section.Text))
                    FoundByRule(Get(candidates, match.Groups["name"].Value, guess), guess);
        // A name found by a rule ranks with the best name jieba found inside it (安德烈·卡帕西 with 安德烈).
        var jiebaNames = candidates.Values.Where(c => !c.FoundByRule && c.IsName).ToList();
        foreach (var name in candidates.Values.Where(c => c.FoundByRule))
            name.Weight = Math.Max(name.Weight, jiebaNames
                .Where(k => k.Key.Length < name.Key.Length && name.Key.Contains(k.Key, StringComparison.Ordinal))
                .Select(k => k.Weight).DefaultIfEmpty(0).Max());

        Count(candidates.Values, sections);
        AttachGlosses(candidates.Values, sections);

        var shown = candidates.Values.Where(c => c.Places.Count >= Math.Max(1, minCount) && IsWordLike(c.Key)).ToList();
        return new TagSuggestions(
            shown.Where(c => c.IsName)
                .OrderByDescending(c => c.Places.Count).ThenByDescending(c => c.FoundByRule || c.Glosses.Count > 0)
                .ThenByDescending(c => c.Weight).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => Describe(c, sections)).ToList(),
            shown.Where(c => !c.IsName)
                .OrderByDescending(c => c.Weight).ThenByDescending(c => c.Places.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => Describe(c, sections)).ToList());
    }

    /// <summary>
    /// Finds each candidate's places, longest candidate first: a place a longer candidate counted is
    /// not counted again for a shorter one, as with tags (安德烈 inside 安德烈·卡帕西, 中國 inside
    /// 中國工程院), and a place inside a tag's term is not counted at all.
    /// </summary>
    void Count(IEnumerable<Candidate> candidates, IReadOnlyList<SectionText> sections)
    {
        var folded = sections.Select(s => TagMatcher.Fold(s.Text)).ToList();
        var covered = sections.Select(s => matcher.Matches(s.Text).Select(m => (m.Start, m.End)).ToList()).ToList();
        var claimed = sections.Select(_ => new List<(int Start, int End)>()).ToList();
        foreach (var candidate in candidates.OrderByDescending(c => c.Key.Length).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            for (var i = 0; i < sections.Count; i++)
                foreach (var (start, end) in Occurrences(candidate.Spellings, folded[i]).Distinct().Order())
                {
                    if (covered[i].Any(c => c.Start <= start && end <= c.End) || claimed[i].Any(c => start < c.End && c.Start < end))
                        continue;
                    candidate.Places.Add((i, start, end));
                    claimed[i].Add((start, end));
                }
        }
    }

    /// <summary>
    /// Latin words in brackets right after another candidate gloss it (楊立昆（Yann LeCun）): they become
    /// that candidate's alias suggestion instead of a candidate of their own.
    /// </summary>
    static void AttachGlosses(IEnumerable<Candidate> candidates, IReadOnlyList<SectionText> sections)
    {
        var all = candidates.ToList();
        var byEnd = all.SelectMany(c => c.Places.Select(p => (p.Section, p.End, Candidate: c)))
            .GroupBy(p => (p.Section, p.End)).ToDictionary(g => g.Key, g => g.First().Candidate);
        foreach (var latin in all.Where(c => c.FoundByRule && c.Guess == "name"))
        {
            latin.Places.RemoveAll(p =>
            {
                var text = sections[p.Section].Text;
                if (p.Start < 1 || p.End >= text.Length || text[p.Start - 1] is not ('（' or '(') || text[p.End] is not ('）' or ')'))
                    return false;
                if (!byEnd.TryGetValue((p.Section, p.Start - 1), out var named) || named == latin)
                    return false;
                var gloss = text[p.Start..p.End];
                if (!named.Glosses.Contains(gloss))
                    named.Glosses.Add(gloss);
                return true;
            });
        }
    }

    static Candidate Get(Dictionary<string, Candidate> candidates, string word, string guess)
    {
        var key = TagMatcher.Fold(word).Text;
        if (!candidates.TryGetValue(key, out var candidate))
            candidates[key] = candidate = new Candidate(key, guess);
        candidate.Spellings.UnionWith(TagMatcher.Spellings(word));
        return candidate;
    }

    static void FoundByRule(Candidate candidate, string guess)
    {
        candidate.Guess = guess;
        candidate.FoundByRule = true;
    }

    /// <summary>Where any spelling occurs, in the original text's offsets; Latin ends must be word ends.</summary>
    static IEnumerable<(int Start, int End)> Occurrences(IEnumerable<string> spellings, FoldedText folded)
    {
        var text = folded.Text;
        foreach (var spelling in spellings)
        {
            for (var at = text.IndexOf(spelling, StringComparison.Ordinal); at >= 0; at = text.IndexOf(spelling, at + 1, StringComparison.Ordinal))
            {
                var end = at + spelling.Length;
                if (char.IsAsciiLetterOrDigit(spelling[0]) && at > 0 && char.IsAsciiLetterOrDigit(text[at - 1]))
                    continue;
                if (char.IsAsciiLetterOrDigit(spelling[^1]) && end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                    continue;
                yield return folded.OriginalSpan(at, end);
            }
        }
    }

    TagCandidate Describe(Candidate candidate, IReadOnlyList<SectionText> sections)
    {
        // Shown as the archive writes it most often; the example is its first place.
        var term = candidate.Places.GroupBy(p => sections[p.Section].Text[p.Start..p.End])
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var (section, start, end) = candidate.Places.OrderBy(p => p.Section).ThenBy(p => p.Start).First();
        var text = sections[section].Text;
        var from = Math.Max(0, start - ContextChars);
        var to = Math.Min(text.Length, end + ContextChars);
        var example = $"{(from > 0 ? "…" : "")}{text[from..start]}[{text[start..end]}]{text[end..to]}{(to < text.Length ? "…" : "")}"
            .ReplaceLineEndings(" ");
        return new TagCandidate(term, candidate.Guess, candidate.Places.Count, candidate.Places.Select(p => p.Section).Distinct().Count(),
            candidate.Weight, example, candidate.Glosses, matcher.TagsMentionedIn(term).Select(t => t.Slug).ToList());
    }

    /// <summary>At least two characters, at least one of them a letter (Han or Latin): no lone characters, no numbers.</summary>
    static bool IsWordLike(string key) => key.Length >= 2 && key.Any(char.IsLetter);

    /// <summary>A title in 《》 (publications, programmes): 《中國科學報》, 《麻省理工科技評論》.</summary>
    [GeneratedRegex(@"《(?<name>[\p{L}\p{N}\u00B7 ]{2,24})》")]
    private static partial Regex Title();

    /// <summary>Two or more capitalised Latin words: Andrej Karpathy, Marc Andreessen, Yann LeCun.</summary>
    [GeneratedRegex(@"(?<![A-Za-z])(?<name>[A-Z][a-z]+(?: [A-Z][A-Za-z]+)+)(?![A-Za-z])")]
    private static partial Regex LatinName();
}
