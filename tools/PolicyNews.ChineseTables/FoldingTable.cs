namespace PolicyNews.ChineseTables;

/// <summary>
/// Search folding (fold.tsv): every variant of a character to one form, without merging
/// characters that Simplified keeps apart.
///
/// The rule: a character folds to what the Traditional→Simplified table converts it to on its
/// own (SimplifiedTable: OpenCC's first candidate, Unihan and Taiwan forms where OpenCC lacks the
/// character), except where that character-level default is only a guess that words overrule.
/// OpenCC orders candidates by use: where Simplified text still writes a Traditional character in
/// its main sense, OpenCC lists the character itself first (覆 → 覆 复, 瞭 → 瞭 了, 藉 → 藉 借), so
/// it folds to itself and stays apart from 复, 了, 借; where the Simplified form is the usual
/// writing and the character survives only in a few words (乾 → 干 乾: 乾隆), it folds, so 干净
/// finds 乾淨. 著 is the one exception the words overrule: its default 着 is ours (ZheWords), and
/// 著名, 著作 are as common as the particle, so 著 stays apart from 着.
///
/// Folding is applied until nothing changes (麽 → 么), so a folded character folds to itself.
/// </summary>
public static class FoldingTable
{
    public static SortedDictionary<int, int> Build(ConversionTable simplified)
    {
        var direct = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in simplified.Entries)
            if (IsCharacter(key) && IsCharacter(value) && key != value && key != "著")
                direct[key] = value;

        var folds = new SortedDictionary<int, int>();
        foreach (var key in direct.Keys)
        {
            var target = key;
            for (var steps = 0; direct.TryGetValue(target, out var next) && steps < 8; steps++)
                target = next;
            folds[char.ConvertToUtf32(key, 0)] = char.ConvertToUtf32(target, 0);
        }
        foreach (var (from, to) in folds)
            if (folds.TryGetValue(to, out var again) && again != to)
                throw new InvalidOperationException($"Folding is not stable: {TsvWriter.Char(from)}→{TsvWriter.Char(to)}→{TsvWriter.Char(again)}.");
        return folds;
    }

    public static IEnumerable<string> Lines(SortedDictionary<int, int> folds, IEnumerable<string> header)
    {
        foreach (var line in header)
            yield return "# " + line;
        foreach (var (from, to) in folds)
            yield return $"{TsvWriter.Char(from)}\t{TsvWriter.Char(to)}";
    }

    private static bool IsCharacter(string text) => text.Length == 1 || (text.Length == 2 && char.IsSurrogatePair(text, 0));
}
