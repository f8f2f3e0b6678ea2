namespace PolicyNews.Archive.Text;

/// <summary>
/// The best explanations of one gap with a given number of deleted pairs: the most plausible
/// characters, and the most plausible whose both ends the article's words support (null if none).
/// </summary>
internal sealed record GapOptions(Hidden? Plain, Hidden? Supported);

/// <summary>
/// Where a gap sits: its surviving lead and trail byte, the characters known on either side of it
/// (-1 when lost or absent), and the annotation its last character must read as, if any.
/// </summary>
internal readonly record struct GapSite(int Lead, int Trail, int Before, int After, string? LastReading);

/// <summary>
/// Searches the characters c0..cn that a gap of n deleted pairs hid between a surviving lead byte
/// (c0's) and trail byte (cn's). Every ci before cn ends in a byte p that opens a deleted pair
/// (p, q), and q is the lead byte of c(i+1): that byte is all one character passes on to the next.
///
/// An end of the gap is supported when its character joins the known neighbour outside the gap
/// as the article writes it, or forms with the character next to it inside one of the article's
/// words (<see cref="DocumentVocabulary.Writes"/>). Characters wholly inside a gap are otherwise
/// free, and some pair the article writes turns up among them by chance, so only both ends
/// together count as evidence.
/// </summary>
internal static class GapSearch
{
    private static readonly Hidden Nothing = new("", double.MaxValue);

    // A deleted pair (p, q) lets q range over A1–FE when p is AA–AF/F8–FE, or over 81–A0 when p is
    // A1–A7 (GapExplainer.IsDeletedPair). Every character after the first is reached through one of
    // these two ranges, so the search keeps the best characters so far per range, not per byte.
    private const int Upper = 1, Lower = 2;
    private static readonly int[] UpperLeads = Enumerable.Range(0xA1, 0x5E).ToArray(), LowerLeads = Enumerable.Range(0x81, 0x20).ToArray();

    private static int RangeAfter(int p) => p is >= 0xAA and <= 0xAF or >= 0xF8 and <= 0xFE ? Upper : p is >= 0xA1 and <= 0xA7 ? Lower : 0;

    public static GapOptions? Run(GapSite site, int pairs, RepairContext article)
    {
        var v = article.Vocabulary;
        // states[i]: the best c0..c(i-1), for each (range the lead byte of ci is in, whether the start
        // is supported); states[0] holds the gap's own lead byte instead of a range.
        var states = new Dictionary<(int From, bool Start), Hidden>[pairs + 1];
        for (var i = 0; i <= pairs; i++) states[i] = [];
        states[0][(site.Lead, false)] = Nothing;
        int[] Leads(int i, int from) => i == 0 ? [from] : from == Upper ? UpperLeads : LowerLeads;

        for (var i = 0; i < pairs; i++)
        {
            foreach (var ((from, start), before) in states[i])
            foreach (var l in Leads(i, from))
            foreach (var p in GapExplainer.DeletedPairFirstBytes)
            {
                var cp = Gbk.Decode(l, p);
                if (cp == Gbk.Invalid) continue;
                var score = Math.Min(before.Score, article.Plausibility(cp));
                Keep(states[i + 1], (RangeAfter(p), i == 0 ? v.HasPair(site.Before, cp) : start), before, cp, score);
            }
            if (i == 0 && pairs >= 2)
                foreach (var (first, second) in v.Words) // a word of the article opens the gap
                {
                    if (!Gbk.TryEncodePair(first, out var la, out var pa) || la != site.Lead) continue;
                    if (!Gbk.TryEncodePair(second, out var lb, out var tb) || !GapExplainer.IsDeletedPair(pa, lb) || RangeAfter(tb) == 0) continue;
                    var score = Math.Min(article.Plausibility(first), article.Plausibility(second));
                    Keep(states[2], (RangeAfter(tb), true), new Hidden(Text(first), double.MaxValue), second, score);
                }
        }

        Hidden? plain = null, both = null;
        void Consider(Hidden x, bool supported)
        {
            if (plain is null || x.Score > plain.Value.Score) plain = x;
            if (supported && (both is null || x.Score > both.Value.Score)) both = x;
        }
        foreach (var ((from, start), before) in states[pairs])
        foreach (var l in Leads(pairs, from))
        {
            var last = Gbk.Decode(l, site.Trail);
            if (last != Gbk.Invalid && Reads(last, site, article))
                Consider(Join(before, last, article), start && v.HasPair(last, site.After));
        }
        foreach (var (first, second) in v.Words) // a word of the article closes the gap
        {
            if (!Gbk.TryEncodePair(second, out var lb, out var tb) || tb != site.Trail || !Reads(second, site, article)) continue;
            if (!Gbk.TryEncodePair(first, out var la, out var pa) || !GapExplainer.IsDeletedPair(pa, lb)) continue;
            var from = pairs == 1 ? la : la >= 0xA1 ? Upper : Lower;
            foreach (var start in new[] { false, true })
                if (states[pairs - 1].TryGetValue((from, start), out var before))
                    Consider(Join(Join(before, first, article), second, article), start || pairs == 1);
        }
        if (pairs == 1) // the one-pair reading keeps its score for characters the article writes together
            plain = GapExplainer.BestDeletedPair(site.Lead, site.Trail, article, site.LastReading) is { } d
                ? new Hidden(Text(d.First) + Text(d.Second), d.Score) : null;
        return plain is null ? null : new GapOptions(plain, both);
    }

    private static bool Reads(int cp, GapSite site, RepairContext article) =>
        site.LastReading is null || article.CanRead(cp, site.LastReading);

    /// <summary>Keeps before + cp under key if it beats what is there; the text is built only then.</summary>
    private static void Keep(Dictionary<(int, bool), Hidden> states, (int, bool) key, Hidden before, int cp, double score)
    {
        if (!states.TryGetValue(key, out var known) || score > known.Score)
            states[key] = new Hidden(before.Text + Text(cp), score);
    }

    private static Hidden Join(Hidden before, int cp, RepairContext article) =>
        new(before.Text + Text(cp), Math.Min(before.Score, article.Plausibility(cp)));

    private static string Text(int cp) => char.ConvertFromUtf32(cp);
}
