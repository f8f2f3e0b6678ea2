namespace PolicyNews.Archive.Text;

/// <summary>
/// Re-pairs the bytes of one way a run could end and scores the reading. The byte stream is the
/// byte the '?' lost (X), the two bytes of each of the first k tokens, then the terminator's:
/// an ASCII trail byte, 0x80 for '€', or the byte a second '?' lost (Y). Walked in step, the
/// stream spells the characters the decoder missed; pairs that spell nothing, or that two common
/// characters explain better, mark bytes deleted in between.
/// </summary>
internal static class BytePairing
{
    private const int X = -1, Y = -2;

    /// <summary>
    /// The stream and what ends it: the run covers text up to End; Restored is the byte a closing
    /// '?' swallowed ('(' of an annotation, '&lt;' of a closing tag); EndReading is the annotation
    /// right after the run.
    /// </summary>
    private sealed record ByteStream(List<int> Bytes, int End, string Restored, string? EndReading, bool SwallowedNothing);

    public static RepairedRun? Evaluate(RunStart start, int k, RunToken? terminator, RepairContext article)
    {
        var stream = Stream(start, k, terminator);
        var (text, bytes, end, endReading) = (start.Text, stream.Bytes, stream.End, stream.EndReading);

        // Walk the stream in step. Units are code points, or -1 for a character lost with its bytes.
        var units = new List<int>();
        string Before(List<int> sofar) => text[..start.Question] + Render(sofar);
        var score = 0.0;
        var lostBytes = 0;
        var guessed = false;
        var notes = new List<string>();
        for (var j = 0; j < bytes.Count;)
        {
            var b = bytes[j];
            if (b >= 0 && b < 0x80)
            {
                var continuesLatin = j == bytes.Count - 1 && end < text.Length && char.IsAsciiLetterOrDigit(text[end]);
                units.Add(b);
                score += (continuesLatin ? 0.5 : 0.02) - RepairScores.Baseline;
                j++;
                continue;
            }
            if (j + 1 >= bytes.Count) return null; // a lead byte with nothing to pair: not how this run ended
            var isLast = j + 2 == bytes.Count;
            var trail = bytes[j + 1];
            if (b == X || trail == Y)
            {
                if (b == X && trail == Y) return null; // "??": two unknown bytes in one character cannot be told apart
                var situation = b == X
                    ? LostByteSituation.Lead(trail, Before(units), start.PreviousTrail, start.StartReading, isLast ? endReading : null)
                    : LostByteSituation.Trail(b, Before(units), endReading, NextByte(text, end), stream.SwallowedNothing);
                if (LostByteChooser.Choose(situation, article) is not { } choice) return null;
                units.Add(choice.CodePoint);
                score += article.Plausibility(choice.CodePoint) - RepairScores.Baseline + choice.Bonus;
                notes.Add(choice.Note);
                guessed |= choice.IsGuess;
            }
            else
            {
                var cp = Gbk.Decode(b, trail);
                var plausibility = cp == Gbk.Invalid ? 0 : article.Plausibility(cp);
                var previous = units.Count > 0 ? units[^1] : -1;
                var next = isLast ? FirstCharacter(text, end, stream.Restored) : NextPairAfter(bytes, j);
                if (cp == Gbk.Invalid || HidesADeletion(cp, plausibility, b, trail, previous, next, article))
                {
                    // Bytes between these were deleted (they had decoded to private-use characters):
                    // the lead's character, the trail's, and any character wholly inside the gap are lost.
                    var gap = GapExplainer.Explain(new GapSite(b, trail, previous, next, isLast ? endReading : null), article);
                    for (var n = 0; n < gap.Characters; n++) units.Add(-1);
                    lostBytes += gap.LostBytes;
                    score += gap.Characters * (RepairScores.LostCharacter - RepairScores.Baseline);
                    notes.Add(cp == Gbk.Invalid ? gap.Note : $"{gap.Note}; without a deletion {b:X2} {trail:X2} would spell {char.ConvertFromUtf32(cp)}");
                }
                else
                {
                    units.Add(cp);
                    score += plausibility - RepairScores.Baseline;
                    if (isLast && endReading is not null)
                        score += article.CanRead(cp, endReading) ? RepairScores.AnnotationAgrees : -RepairScores.AnnotationAgrees;
                }
            }
            j += 2;
        }

        if (stream.Restored.Length > 0) notes.Add($"restored the swallowed '{stream.Restored}'");
        var note = $"re-paired {bytes.Count} bytes; " + string.Join("; ", notes);
        return new RepairedRun(start.Question, end, Render(units), stream.Restored, lostBytes, note, score, guessed);
    }

    /// <summary>
    /// Whether a re-paired character cp is as likely to stand for two characters whose middle bytes
    /// were deleted: any lead and trail byte can be read either way, so cp is kept as the source's
    /// text only when no such reading is as plausible. One is when two common characters explain
    /// the bytes far better than a rare cp. Another is a word the article writes (政策 over 者):
    /// the bytes cannot tell them apart, and a guess must not pass as source text. The last is a pair
    /// the article writes joined to a neighbour that cp does not join (公共 after 一般, over 共).
    /// </summary>
    private static bool HidesADeletion(int cp, double plausibility, int lead, int trail, int previous, int next, RepairContext article)
    {
        if (GapExplainer.WordAcross(lead, trail, article) is not null) return true;
        if (GapExplainer.BestDeletedPair(lead, trail, article) is not { } d) return false;
        if (plausibility < RepairScores.DoubtfulCharacter && d.Score >= plausibility + RepairScores.DeletionEvidence) return true;
        // A join cp shares proves nothing: ’。 joins “ no better than 。 alone does.
        var v = article.Vocabulary;
        return !v.HasPair(previous, cp) && v.HasPair(d.First, d.Second)
            && (v.HasPair(previous, d.First) || (v.HasPair(d.Second, next) && !v.HasPair(cp, next)));
    }

    private static ByteStream Stream(RunStart start, int k, RunToken? terminator)
    {
        var text = start.Text;
        var bytes = new List<int> { X };
        foreach (var t in start.Tokens.Take(k)) { bytes.Add(t.B1); bytes.Add(t.B2); }
        var end = start.FirstToken + k;
        var restored = "";
        string? endReading = null;
        var swallowedNothing = false;
        if (terminator is { } term)
        {
            end++;
            switch (term.Kind)
            {
                case TokenKind.Ascii: bytes.Add(term.Char); break;
                case TokenKind.Euro: bytes.Add(0x80); break;
                case TokenKind.Question:
                    bytes.Add(Y);
                    var after = Pinyin.Remnant().Match(text, end);
                    if (after.Success) { restored = "("; endReading = after.Groups[1].Value; }
                    else if (LooksLikeClosingTag(text, end)) restored = "<";
                    else swallowedNothing = true;
                    break;
            }
        }
        if (endReading is null && terminator?.Kind != TokenKind.Question)
        {
            var annotation = Pinyin.Annotation().Match(text, end);
            if (annotation.Success && annotation.Index == end) endReading = annotation.Groups[1].Value;
        }
        return new ByteStream(bytes, end, restored, endReading, swallowedNothing);
    }

    /// <summary>Units as text: code points, and □ for a character lost with its bytes (-1).</summary>
    private static string Render(IEnumerable<int> units) =>
        string.Concat(units.Select(u => u == -1 ? Repair.Unrecoverable.ToString() : char.ConvertFromUtf32(u)));

    /// <summary>The character the text goes on with after the run, in step again (-1 if none or not Chinese).</summary>
    private static int FirstCharacter(string text, int end, string restored)
    {
        if (restored == "<" || end >= text.Length) return -1;
        var after = restored == "(" ? Pinyin.Remnant().Match(text, end) : Pinyin.Annotation().Match(text, end);
        var at = after.Success && after.Index == end ? end + after.Length : end;
        return at < text.Length && text[at] > '\x7F' ? char.ConvertToUtf32(text, at) : -1;
    }

    private static int NextPairAfter(List<int> bytes, int j) =>
        j + 3 < bytes.Count && bytes[j + 2] >= 0x81 && bytes[j + 3] >= 0 ? Gbk.Decode(bytes[j + 2], bytes[j + 3]) : -1;

    private static bool LooksLikeClosingTag(string text, int at) =>
        at + 2 < text.Length && text[at] == '/' && char.IsAsciiLetter(text[at + 1]) && text.IndexOf('>', at) is > 0 and var gt && gt - at < 12;

    private static int? NextByte(string text, int at)
    {
        if (at >= text.Length) return null;
        var c = text[at];
        if (c < '\x80') return c is > ' ' and < '\x7F' ? Gbk.FullwidthBytes(c).Lead : c;
        return Gbk.TryEncodePair(c, out var lead, out _) ? lead : null;
    }
}
