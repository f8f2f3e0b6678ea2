using PolicyNews.Archive.Chinese;

namespace PolicyNews.Web.Reading;

/// <summary>
/// Finds where search terms occur in a text, comparing folded forms (either script, any case or
/// width) but reporting offsets in the original text, so the original can be marked.
/// </summary>
public static class Highlighter
{
    public static IReadOnlyList<(int Start, int Length)> Find(string text, IReadOnlyList<string> terms)
    {
        // Fold one UTF-16 unit (or surrogate pair) at a time and remember where each folded char came from.
        var folded = new System.Text.StringBuilder(text.Length);
        var origin = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length;)
        {
            var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            foreach (var c in ScriptConverter.FoldForSearch(text.Substring(i, length)))
            {
                folded.Append(c);
                origin.Add(i);
            }
            i += length;
        }
        origin.Add(text.Length);
        var haystack = folded.ToString();

        var found = new List<(int Start, int End)>();
        foreach (var term in terms.Select(ScriptConverter.FoldForSearch).Where(t => t.Length > 0).Distinct())
            for (var at = haystack.IndexOf(term, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(term, at + term.Length, StringComparison.Ordinal))
                found.Add((origin[at], origin[at + term.Length]));

        // Merge overlaps so marks never nest.
        var merged = new List<(int Start, int Length)>();
        foreach (var (start, end) in found.OrderBy(f => f.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.Start + last.Length, end) - last.Start);
            }
            else
                merged.Add((start, end - start));
        }
        return merged;
    }
}
