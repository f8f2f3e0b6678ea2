namespace PolicyNews.Archive.Text;

/// <summary>Characters lost in a gap between two surviving bytes, the bytes deleted with them, and what the gap may have held.</summary>
internal sealed record Gap(int Characters, int LostBytes, string Note);

/// <summary>Two characters whose middle bytes were deleted, scored by the less plausible of them (one more if the article writes them together).</summary>
internal readonly record struct DeletedPair(int First, int Second, double Score);

/// <summary>Characters a gap may have hidden, scored by the least plausible of them.</summary>
internal readonly record struct Hidden(string Text, double Score);

/// <summary>
/// Explains bytes deleted between a surviving lead and trail byte. The out-of-step decoder read
/// (trail of one character, lead of the next) as a pair, and the pairs it deleted are exactly those
/// it turned into private-use characters: GBK's user-defined areas AA–AF/F8–FE × A1–FE and
/// A1–A7 × 40–A0 (only 81–A0 of those can lead a character).
/// </summary>
internal static class GapExplainer
{
    private const int MaxDeletedPairs = 3;

    public static bool IsDeletedPair(int p, int q) =>
        (p is >= 0xAA and <= 0xAF or >= 0xF8 and <= 0xFE && q is >= 0xA1 and <= 0xFE)
        || (p is >= 0xA1 and <= 0xA7 && q is >= 0x81 and <= 0xA0);

    public static readonly int[] DeletedPairFirstBytes =
        Enumerable.Range(0xA1, 7).Concat(Enumerable.Range(0xAA, 6)).Concat(Enumerable.Range(0xF8, 7)).ToArray();

    /// <summary>
    /// The best explanation of lead..trail as two characters whose middle bytes were deleted. When
    /// the gap ends the run and an annotation follows, the second character must read as it.
    /// </summary>
    public static DeletedPair? BestDeletedPair(int lead, int trail, RepairContext article, string? lastReading = null)
    {
        DeletedPair? best = null;
        foreach (var p in DeletedPairFirstBytes)
        {
            var first = Gbk.Decode(lead, p);
            if (first == Gbk.Invalid) continue;
            var firstScore = article.Plausibility(first);
            for (var q = 0x81; q <= 0xFE; q++)
            {
                if (!IsDeletedPair(p, q)) continue;
                var second = Gbk.Decode(q, trail);
                if (second == Gbk.Invalid || (lastReading is not null && !article.CanRead(second, lastReading))) continue;
                var score = Math.Min(firstScore, article.Plausibility(second)) + (article.Vocabulary.HasPair(first, second) ? 1 : 0);
                if (best is null || score > best.Value.Score) best = new DeletedPair(first, second, score);
            }
        }
        return best;
    }

    /// <summary>
    /// A word of the article (<see cref="DocumentVocabulary.Writes"/>) that lead..trail spell with
    /// one pair deleted in between: D5 DF is 者, but also 政[FE B2]策, and an article that writes
    /// 政策 cannot be sure it said 者.
    /// </summary>
    public static DeletedPair? WordAcross(int lead, int trail, RepairContext article)
    {
        DeletedPair? best = null;
        foreach (var (first, second) in article.Vocabulary.Words)
        {
            if (!Gbk.TryEncodePair(first, out var l, out var p) || l != lead) continue;
            if (!Gbk.TryEncodePair(second, out var q, out var t) || t != trail || !IsDeletedPair(p, q)) continue;
            var score = Math.Min(article.Plausibility(first), article.Plausibility(second));
            if (best is null || score > best.Value.Score) best = new DeletedPair(first, second, score);
        }
        return best;
    }

    /// <summary>
    /// How many characters a gap between a surviving lead and trail byte hid. The decoder deleted
    /// whole pairs and stayed one byte out of step, so a gap is 2n bytes and n+1 characters: the one
    /// whose lead survives, the one whose trail survives and n-1 wholly inside. The bytes seldom fix
    /// n: every extra pair needs one more trail byte in the user-defined rows, so the shortest gap
    /// with plausible characters is the likeliest, unless only a longer one is supported at both
    /// ends by the article's words (地[政府加]大 rather than 地[政子]大, in an article that writes 政府
    /// and 加大). An annotation that follows the gap constrains its last character. Every other
    /// count that fits is named in the note.
    /// </summary>
    public static Gap Explain(GapSite site, RepairContext article) =>
        article.ExplainedGap(site, () => ExplainAnew(site, article));

    private static Gap ExplainAnew(GapSite site, RepairContext article)
    {
        var options = Enumerable.Range(1, MaxDeletedPairs)
            .Select(n => GapSearch.Run(site, n, article)
                         ?? (site.LastReading is null ? null : GapSearch.Run(site with { LastReading = null }, n, article)))
            .ToList();
        static bool Plausible(Hidden? h) => h is { Score: >= RepairScores.DoubtfulCharacter };
        var supported = options.FindIndex(o => Plausible(o?.Supported));
        var shortest = options.FindIndex(o => Plausible(o?.Plain));
        var chosen = supported >= 0 ? supported : shortest;
        if (chosen < 0) chosen = Math.Max(0, options.FindIndex(o => o?.Plain is not null));
        var pairs = chosen + 1;
        var shown = supported >= 0 ? options[chosen]!.Supported : options[chosen]?.Plain;

        var details = new List<string>();
        if (shown is { } s) details.Add($"perhaps {s.Text}" + (supported > shortest ? ", whose ends join the text as the article writes it" : ""));
        if (site.LastReading is not null) details.Add($"the last reads {site.LastReading} as annotated");
        // A character wholly inside a gap leaves no byte behind, so another count is hard to rule out.
        var others = options.Select((o, i) => (o, Bytes: 2 * (i + 1)))
            .Where(x => x.Bytes != 2 * pairs && Plausible(x.o?.Plain)).Select(x => x.Bytes.ToString()).ToList();
        if (others.Count > 0) details.Add($"the count is uncertain: {string.Join(" or ", others)} bytes would fit too");
        var note = $"{2 * pairs} bytes lost between {site.Lead:X2} and {site.Trail:X2}, {pairs + 1} characters ({string.Join("; ", details)})";
        return new Gap(pairs + 1, 2 * pairs, note);
    }
}
