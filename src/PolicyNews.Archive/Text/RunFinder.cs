namespace PolicyNews.Archive.Text;

/// <summary>
/// A repaired run: text[Start..End) becomes Repaired, followed by the ASCII byte the run had
/// swallowed. Guessed: a byte the '?' lost was picked where another fits as well, so the run is
/// not certain even when no byte was deleted.
/// </summary>
internal sealed record RepairedRun(int Start, int End, string Repaired, string Restored, int LostBytes, string Note, double Score, bool Guessed = false)
{
    public RepairConfidence Confidence => LostBytes == 0 && !Guessed ? RepairConfidence.Certain : RepairConfidence.Partial;
}

/// <summary>
/// Where a run starts: the '?' at Question in Text, the reading of the annotation remnant right
/// after it (when the '?' swallowed its '('), the trail byte of the character before it, and the
/// tokens that follow from FirstToken on.
/// </summary>
internal sealed record RunStart(string Text, int Question, string? StartReading, int? PreviousTrail, int FirstToken, List<RunToken> Tokens);

/// <summary>
/// Finds the run that starts at a '?'. Every way the run could end is re-paired and scored; the
/// best reading is kept if it beats the text as it stands, or always when a remnant without its
/// '(' proves the damage.
/// </summary>
internal static class RunFinder
{
    public static RepairedRun? Find(string text, int question, RepairContext article)
    {
        var remnant = Pinyin.Remnant().Match(text, question + 1);
        var startReading = remnant.Success ? remnant.Groups[1].Value : null;
        var firstToken = question + 1 + (remnant.Success ? remnant.Length : 0);
        var start = new RunStart(text, question, startReading, PreviousTrailByte(text, question), firstToken, RunToken.Read(text, firstToken));
        var tokens = start.Tokens;

        var candidates = new List<RepairedRun>();
        for (var k = 0; k <= tokens.Count; k++)
        {
            if (k > 0 && !tokens[k - 1].CanContinue) break;
            if (k > 0 && tokens[k - 1].Kind == TokenKind.Pair && tokens[k - 1].B2 < 0x80)
            {
                // A real ASCII letter was eaten as a trail byte: the decoder is in step after it.
                Add(BytePairing.Evaluate(start, k, terminator: null, article));
                break;
            }
            if (k == tokens.Count) break;
            var next = tokens[k];
            if (next.CanEndAsTrail || next.Kind is TokenKind.Euro or TokenKind.Question)
                Add(BytePairing.Evaluate(start, k, next, article));
        }

        var regionEnd = candidates.Count == 0 ? firstToken : candidates.Max(c => c.End);
        if (candidates.Count == 0)
            return startReading is null ? null : LostCharacterRun(question, startReading, article);

        var best = candidates.MaxBy(c => c.Score + InStepScore(text, c.End, regionEnd, article))!;
        if (startReading is not null) return best; // a remnant without its '(' is proof of damage
        var asItStands = InStepScore(text, question, regionEnd, article);
        return best.Score + InStepScore(text, best.End, regionEnd, article) >= asItStands + RepairScores.RequiredGain ? best : null;

        void Add(RepairedRun? run)
        {
            if (run is not null) candidates.Add(run);
        }
    }

    /// <summary>A '?' that swallowed an annotation's '(' but left no out-of-step run: the character itself is gone.</summary>
    private static RepairedRun LostCharacterRun(int question, string reading, RepairContext article)
    {
        var guess = GuessByReading(reading, article);
        var note = $"a character was lost; the source's annotation reads {reading}" +
                   (guess is null ? "" : $"; guess: {char.ConvertFromUtf32(guess.Value)}");
        // Keep the annotation, with its '(' restored, on the □ that stands for the lost character.
        return new RepairedRun(question, question + 1, Repair.Unrecoverable.ToString(), "(", 2, note, 0);
    }

    private static int? GuessByReading(string reading, RepairContext article)
    {
        (int Cp, double Score)? best = null;
        for (var lead = 0x81; lead <= 0xFE; lead++)
        for (var trail = 0x40; trail <= 0xFE; trail++)
        {
            var cp = Gbk.Decode(lead, trail);
            if (cp == Gbk.Invalid || !article.CanRead(cp, reading)) continue;
            var score = article.Plausibility(cp);
            if (best is null || score > best.Value.Score) best = (cp, score);
        }
        return best?.Cp;
    }

    /// <summary>How plausible the text from..to is as it stands (annotations count for nothing).</summary>
    private static double InStepScore(string text, int from, int to, RepairContext article)
    {
        var score = 0.0;
        for (var p = from; p < to; p++)
        {
            if (text[p] == '(')
            {
                var annotation = Pinyin.Annotation().Match(text, p);
                if (annotation.Success && annotation.Index == p) { p += annotation.Length - 1; continue; }
            }
            score += InStepPlausibility(text[p], article) - RepairScores.Baseline;
        }
        return score;
    }

    private static double InStepPlausibility(char c, RepairContext article) => c switch
    {
        '?' => 0.6,
        _ when char.IsAsciiLetterOrDigit(c) => 0.5,
        _ when c < '\x7F' => 0.5,
        _ => article.Plausibility(c),
    };

    /// <summary>The trail byte of the character before position, skipping an annotation that follows it.</summary>
    private static int? PreviousTrailByte(string text, int position)
    {
        var j = position - 1;
        if (j >= 0 && text[j] == ')')
        {
            var open = text.LastIndexOf('(', j);
            if (open >= 0 && Pinyin.Annotation().Match(text, open) is { Success: true } m && m.Index == open && m.Length == j - open + 1)
                j = open - 1;
        }
        if (j < 0) return null;
        return Gbk.TryEncodePair(text[j], out _, out var trail) ? trail : null;
    }
}
