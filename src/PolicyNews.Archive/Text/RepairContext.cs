using System.Globalization;

namespace PolicyNews.Archive.Text;

/// <summary>
/// What the mojibake repair knows while it repairs one article: the article's vocabulary, how
/// plausible a character is in it, and the gaps already explained (the same surviving bytes recur
/// from line to line, and explaining a gap is costly). Made for each article by
/// <see cref="MojibakeRepair.ContextFor"/> and passed down, so the repair itself holds no
/// per-article state and one pipeline can clean several articles at once.
/// </summary>
internal sealed class RepairContext(ICharacterJudge judge, DocumentVocabulary vocabulary)
{
    private readonly Dictionary<GapSite, Gap> _gaps = [];

    public DocumentVocabulary Vocabulary => vocabulary;

    public bool CanRead(int codePoint, string reading) => judge.CanRead(codePoint, reading);

    public double Plausibility(int codePoint)
    {
        if (RepairScores.IsCommonPunctuation(codePoint)) return 1;
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category != UnicodeCategory.OtherLetter) return 0.02;
        // A character the article itself uses elsewhere is the article's convention (于, 后), even
        // where a dictionary would call it Simplified-only.
        return vocabulary.Uses(codePoint)
            ? Math.Max(0.5, Math.Min(1, judge.Plausibility(codePoint) + RepairScores.VocabularyBonus))
            : judge.Plausibility(codePoint);
    }

    /// <summary>A gap's explanation, worked out once per article: it depends only on the gap and the article.</summary>
    public Gap ExplainedGap(GapSite site, Func<Gap> explain) =>
        _gaps.TryGetValue(site, out var known) ? known : _gaps[site] = explain();
}
