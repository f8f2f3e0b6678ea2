namespace PolicyNews.Archive.Text;

/// <summary>
/// A byte a '?' lost, and what is known around it. As the Lead it is the lead byte of the run's
/// first character: Partner is that character's trail, the annotation the '?' swallowed was
/// written after the character straddling PreviousTrail and the lost byte, and RunEndReading is the
/// annotation after the run when this character also ends it. As the trail (not Lead) it is the
/// trail byte of the run's last character: Partner is its lead, the annotation follows that
/// character, and when the '?' swallowed nothing it could not pair with NextByte.
/// </summary>
internal sealed record LostByteSituation(
    bool IsLead, int Partner, string Before, string? AnnotationReading,
    int? PreviousTrail, string? RunEndReading, int? NextByte, bool SwallowedNothing)
{
    public static LostByteSituation Lead(int trail, string before, int? previousTrail, string? startReading, string? runEndReading) =>
        new(true, trail, before, startReading, previousTrail, runEndReading, NextByte: null, SwallowedNothing: false);

    public static LostByteSituation Trail(int lead, string before, string? endReading, int? nextByte, bool swallowedNothing) =>
        new(false, lead, before, endReading, PreviousTrail: null, RunEndReading: null, nextByte, swallowedNothing);
}

/// <summary>
/// The character a lost byte completes, the score its context adds, and how it was chosen; IsGuess
/// when another byte fits as well or only context told them apart.
/// </summary>
internal readonly record struct LostByte(int CodePoint, double Bonus, string Note, bool IsGuess);

/// <summary>
/// Chooses the byte a '?' lost. The annotation it sat inside, when there was one, must read as the
/// pair it straddled (lead) or as the character it followed (trail), and a character the article
/// annotates elsewhere beats one it writes without annotation: the annotator annotated every
/// occurrence of the characters on its list. Otherwise the most plausible character wins, and
/// punctuation, which all scores alike, is told apart by what stands before it. A pick the
/// evidence does not single out is called a guess.
/// </summary>
internal static class LostByteChooser
{
    private const string Closing = "”’》）」";
    private const string Opening = "“‘《（「";

    public static LostByte? Choose(LostByteSituation s, RepairContext article)
    {
        var reading = s.AnnotationReading;
        var constrained = reading is not null && (!s.IsLead || s.PreviousTrail is not null);
        var viable = new List<(int CodePoint, int Byte, int Annotated, double Score, double Plain, double Fit)>();
        for (var candidate = 0x81; candidate <= 0xFE; candidate++)
        {
            var cp = s.IsLead ? Gbk.Decode(candidate, s.Partner) : Gbk.Decode(s.Partner, candidate);
            if (cp == Gbk.Invalid) continue;
            // the character the annotation was written after: straddled at the start, the character itself at the end
            var annotated = s.PreviousTrail is { } prev ? Gbk.Decode(prev, candidate) : cp;
            if (constrained && (annotated == Gbk.Invalid || !article.CanRead(annotated, reading!))) continue;
            if (s.SwallowedNothing && s.NextByte is { } nb && Gbk.Decode(candidate, nb) != Gbk.Invalid)
                continue; // the decoder showed '?', so it could not pair this byte with the next one
            var plain = article.Plausibility(cp);
            var fit = PunctuationFit(s.Before, cp);
            var score = plain + fit;
            if (s.RunEndReading is not null && article.CanRead(cp, s.RunEndReading)) score += RepairScores.AnnotationAgrees;
            var listed = constrained ? article.Vocabulary.AnnotationEvidence(annotated, reading!) : 0;
            viable.Add((cp, candidate, listed, score, plain, fit));
        }
        if (viable.Count == 0) return null;
        var ranked = viable.OrderByDescending(v => v.Annotated).ThenByDescending(v => v.Score).ThenBy(v => v.Byte).ToList();
        var best = ranked[0];
        var runnerUp = ranked.Count > 1 ? ranked[1] : default;
        var which = s.IsLead ? "lead" : "trail";
        var how = constrained
            ? $"{which} byte {best.Byte:X2} restored from the annotation {reading}" +
              (s.IsLead ? $" ({s.PreviousTrail:X2} {best.Byte:X2} = {char.ConvertFromUtf32(Gbk.Decode(s.PreviousTrail!.Value, best.Byte))})" : "")
            : $"{which} byte {best.Byte:X2} chosen as the most plausible of {viable.Count}";
        var guess = false;
        if (ranked.Count > 1)
        {
            if (best.Annotated > runnerUp.Annotated)
                how += $"; {viable.Count} bytes fit, and the article annotates only this one elsewhere";
            else if (Math.Abs(best.Score - runnerUp.Score) < 1e-9)
                (how, guess) = (how + $"; a guess: {char.ConvertFromUtf32(runnerUp.CodePoint)} ({runnerUp.Byte:X2}) fits as well", true);
            else if (best.Fit > runnerUp.Fit && best.Plain <= runnerUp.Plain)
                (how, guess) = (how + $"; a guess by context over {char.ConvertFromUtf32(runnerUp.CodePoint)} ({runnerUp.Byte:X2})", true);
        }
        return new LostByte(best.CodePoint, best.Score - best.Plain, how, guess);
    }

    /// <summary>
    /// Common punctuation all scores 1, so the bytes alone pick the lowest one. What stands before
    /// tells them apart: a closing mark needs its opening mark still open, and a sentence or clause
    /// mark never follows another one (no "。、"); after one, only a closing mark can stand.
    /// </summary>
    private static double PunctuationFit(string before, int cp)
    {
        if (cp >= 0x10000 || !RepairScores.IsCommonPunctuation(cp)) return 0;
        var c = (char)cp;
        var closing = Closing.IndexOf(c);
        if (closing >= 0)
        {
            var open = Opening[closing];
            var depth = before.Count(x => x == open) - before.Count(x => x == c);
            return depth > 0 ? 0.5 : -0.5;
        }
        var previous = before.Length > 0 ? before[^1] : '\0';
        return Opening.Contains(c) || !RepairScores.IsCommonPunctuation(previous) || Closing.Contains(previous) ? 0 : -1;
    }
}
