namespace PolicyNews.Archive.Text;

/// <summary>Characters lost in a gap between two surviving bytes, the bytes deleted with them, and what the gap may have held.</summary>
internal sealed record Gap(int Characters, int LostBytes, string Note);

/// <summary>Two characters whose middle bytes were deleted, scored by the less plausible of them (one more if the article writes them together).</summary>
internal readonly record struct DeletedPair(int First, int Second, double Score);

/// <summary>
/// Explains bytes deleted between a surviving lead and trail byte. The out-of-step decoder read
/// (trail of one character, lead of the next) as a pair, and the pairs it deleted are exactly those
/// it turned into private-use characters: GBK's user-defined areas AA–AF/F8–FE × A1–FE and
/// A1–A7 × 40–A0 (only 81–A0 of those can lead a character).
/// </summary>
internal static class GapExplainer
{
    private const int MaxDeletedPairs = 3;

    private static bool IsDeletedPair(int p, int q) =>
        (p is >= 0xAA and <= 0xAF or >= 0xF8 and <= 0xFE && q is >= 0xA1 and <= 0xFE)
        || (p is >= 0xA1 and <= 0xA7 && q is >= 0x81 and <= 0xA0);

    private static readonly int[] DeletedPairFirstBytes =
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
    /// How many characters a gap between a surviving lead and trail byte hid. The decoder deleted
    /// whole pairs and stayed one byte out of step, so a gap is 2n bytes and n+1 characters: the one
    /// whose lead survives, the one whose trail survives and n-1 wholly inside. The bytes seldom
    /// fix n; every extra pair needs one more trail byte in the user-defined rows, so the smallest n
    /// with a plausible explanation is the likeliest. When a longer gap fits as well, the note says
    /// the count is uncertain. An annotation that follows the gap constrains its last character.
    /// </summary>
    public static Gap Explain(int lead, int trail, string? lastReading, RepairContext article) =>
        article.ExplainedGap(lead, trail, lastReading, () => ExplainAnew(lead, trail, lastReading, article));

    private static Gap ExplainAnew(int lead, int trail, string? lastReading, RepairContext article)
    {
        var explanations = Enumerable.Range(1, MaxDeletedPairs)
            .Select(n => BestHiddenCharacters(lead, trail, n, lastReading, article)
                         ?? (lastReading is null ? null : BestHiddenCharacters(lead, trail, n, null, article)))
            .ToList();
        var chosen = explanations.FindIndex(e => e is { Score: >= RepairScores.DoubtfulCharacter });
        if (chosen < 0) chosen = Math.Max(0, explanations.FindIndex(e => e is not null));
        var pairs = chosen + 1;
        var details = new List<string>();
        if (explanations[chosen] is { } g) details.Add($"perhaps {g.Text}");
        if (lastReading is not null) details.Add($"the last reads {lastReading} as annotated");
        // A character wholly inside a gap leaves no byte behind, so a longer gap is hard to rule out.
        var longer = explanations.Skip(chosen + 1).Select((e, i) => (e, Pairs: pairs + 1 + i)).FirstOrDefault(x => x.e is { Score: >= RepairScores.DoubtfulCharacter });
        if (longer.e is not null) details.Add($"the count is uncertain: {2 * longer.Pairs} bytes would fit too");
        var note = $"{2 * pairs} bytes lost between {lead:X2} and {trail:X2}, {pairs + 1} characters ({string.Join("; ", details)})";
        return new Gap(pairs + 1, 2 * pairs, note);
    }

    /// <summary>
    /// The best explanation of lead..trail as pairs+1 characters with that many deleted pairs between
    /// them, scored by its least plausible character. Built left to right over the lead byte of the
    /// next character, which is all one step passes on to the next.
    /// </summary>
    private static (string Text, double Score)? BestHiddenCharacters(int lead, int trail, int pairs, string? lastReading, RepairContext article)
    {
        if (pairs == 1)
            return BestDeletedPair(lead, trail, article, lastReading) is { } d
                ? (char.ConvertFromUtf32(d.First) + char.ConvertFromUtf32(d.Second), d.Score) : null;
        var states = new Dictionary<int, (string Text, double Score)> { [lead] = ("", double.MaxValue) };
        for (var step = 0; step < pairs; step++)
        {
            var next = new Dictionary<int, (string Text, double Score)>();
            foreach (var (l, state) in states)
            foreach (var p in DeletedPairFirstBytes)
            {
                var cp = Gbk.Decode(l, p);
                if (cp == Gbk.Invalid) continue;
                var score = Math.Min(state.Score, article.Plausibility(cp));
                for (var q = 0x81; q <= 0xFE; q++)
                    if (IsDeletedPair(p, q) && (!next.TryGetValue(q, out var known) || score > known.Score))
                        next[q] = (state.Text + char.ConvertFromUtf32(cp), score);
            }
            states = next;
        }
        (string Text, double Score)? best = null;
        foreach (var (l, state) in states)
        {
            var cp = Gbk.Decode(l, trail);
            if (cp == Gbk.Invalid || (lastReading is not null && !article.CanRead(cp, lastReading))) continue;
            var score = Math.Min(state.Score, article.Plausibility(cp));
            if (best is null || score > best.Value.Score) best = (state.Text + char.ConvertFromUtf32(cp), score);
        }
        return best;
    }
}
