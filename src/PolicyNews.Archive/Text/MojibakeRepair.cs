using System.Globalization;
using System.Text;

namespace PolicyNews.Archive.Text;

/// <summary>
/// Finds runs of GBK text that were decoded one byte out of step and rebuilds them from their
/// bytes (see docs/data-pipeline.md and shared/docs/seed-damage.md for the mechanism).
///
/// A run starts at a '?': a byte the decoder could not pair, often together with the '(' of an
/// annotation that was inserted inside a character (then a remnant like <c>shù)</c> follows).
/// After it every character is the trail byte of one real character plus the lead byte of the
/// next. The run ends where the decoder fell back in step: at a trail byte that surfaced as an
/// ASCII letter, at a lone 0x80 shown as '€', at a '?' that swallowed the next ASCII byte, or
/// where a real ASCII letter was eaten as a trail byte. Every way the run could end is tried and
/// the reading with the most plausible characters wins; bytes the '?' lost are chosen by the
/// annotation they were inside (a hard constraint) or by plausibility. Pairs that no longer spell
/// a character mark bytes deleted for good (they had decoded to private-use characters): a gap of
/// n deleted pairs stands for n+1 characters shown as □.
/// </summary>
public sealed class MojibakeRepair(ICharacterJudge judge)
{
    private DocumentVocabulary _vocabulary = DocumentVocabulary.Empty;
    private readonly Dictionary<(int, int, string?), Gap> _gaps = [];

    private const int MaxRunLength = 400;
    private const double Baseline = 0.3;          // a character scoring above this is evidence for its reading
    private const double LostCharacter = 0.08;     // what □ scores: below nearly every real character
    private const double AnnotationAgrees = 1.5;
    private const double VocabularyBonus = 0.15;
    private const double DoubtfulCharacter = 0.35;  // a re-paired character below this may hide deleted bytes
    private const double DeletionEvidence = 0.3;    // … if two common characters explain it better by this much
    private const double RequiredGain = 0.6;       // without a remnant, a repair must beat the text as it stands by this

    public LineText Apply(LineText line) => Apply(line, DocumentVocabulary.Empty);

    public LineText Apply(LineText line, DocumentVocabulary vocabulary)
    {
        if (!ReferenceEquals(_vocabulary, vocabulary)) _gaps.Clear(); // explanations depend on the article's vocabulary
        _vocabulary = vocabulary;
        var text = line.Text;
        var edits = new TextEdits(text);
        var repairs = new List<Repair>();
        var shift = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '?') continue;
            var run = FindRun(text, i);
            if (run is null) continue;
            edits.Replace(run.Start, run.End - run.Start, run.Repaired + run.Restored);
            repairs.Add(new Repair(run.Start + shift, run.Repaired.Length, text[run.Start..run.End], run.Repaired,
                run.LostBytes == 0 ? RepairConfidence.Certain : RepairConfidence.Partial, run.LostBytes, run.Note));
            shift += run.Repaired.Length + run.Restored.Length - (run.End - run.Start);
            i = run.End - 1;
        }
        return edits.IsEmpty ? line : line.With(edits, newRepairs: repairs);
    }

    /// <summary>A repaired run: text[Start..End) becomes Repaired, followed by the ASCII byte the run had swallowed.</summary>
    private sealed record Run(int Start, int End, string Repaired, string Restored, int LostBytes, string Note, double Score);

    private enum TokenKind { Pair, Ascii, Euro, Question }

    private readonly record struct Token(TokenKind Kind, char Char, int B1, int B2)
    {
        public bool CanContinue => Kind is TokenKind.Pair or TokenKind.Ascii;
        public bool CanEndAsTrail => Kind == TokenKind.Ascii && Char is >= '@' and <= '~';
    }

    private Run? FindRun(string text, int question)
    {
        var remnant = Pinyin.Remnant().Match(text, question + 1);
        var startReading = remnant.Success ? remnant.Groups[1].Value : null;
        var firstToken = question + 1 + (remnant.Success ? remnant.Length : 0);
        var previousTrail = PreviousTrailByte(text, question);
        var tokens = ReadTokens(text, firstToken);

        var candidates = new List<Run>();
        for (var k = 0; k <= tokens.Count; k++)
        {
            if (k > 0 && !tokens[k - 1].CanContinue) break;
            if (k > 0 && tokens[k - 1].Kind == TokenKind.Pair && tokens[k - 1].B2 < 0x80)
            {
                // A real ASCII letter was eaten as a trail byte: the decoder is in step after it.
                Add(Evaluate(text, question, startReading, previousTrail, tokens, k, terminator: null, firstToken));
                break;
            }
            if (k == tokens.Count) break;
            var next = tokens[k];
            if (next.CanEndAsTrail || next.Kind is TokenKind.Euro or TokenKind.Question)
                Add(Evaluate(text, question, startReading, previousTrail, tokens, k, next, firstToken));
        }

        var regionEnd = candidates.Count == 0 ? firstToken : candidates.Max(c => c.End);
        if (candidates.Count == 0)
            return startReading is null ? null : LostCharacterRun(question, firstToken, startReading);

        var best = candidates.MaxBy(c => c.Score + InStepScore(text, c.End, regionEnd))!;
        if (startReading is not null) return best; // a remnant without its '(' is proof of damage
        var asItStands = InStepScore(text, question, regionEnd);
        return best.Score + InStepScore(text, best.End, regionEnd) >= asItStands + RequiredGain ? best : null;

        void Add(Run? run)
        {
            if (run is not null) candidates.Add(run);
        }
    }

    private static List<Token> ReadTokens(string text, int from)
    {
        var tokens = new List<Token>();
        for (var p = from; p < text.Length && tokens.Count < MaxRunLength; p++)
        {
            var c = text[p];
            if (c == '?') { tokens.Add(new Token(TokenKind.Question, c, 0, 0)); break; }
            if (c == '€') { tokens.Add(new Token(TokenKind.Euro, c, 0x80, 0)); break; }
            if (c is > ' ' and < '\x7F' && c != '(')
            {
                var (lead, trail) = Gbk.FullwidthBytes(c);
                tokens.Add(new Token(TokenKind.Ascii, c, lead, trail));
                continue;
            }
            if (c > '\x7F' && Gbk.TryEncodePair(c, out var b1, out var b2))
            {
                tokens.Add(new Token(TokenKind.Pair, c, b1, b2));
                continue;
            }
            break;
        }
        return tokens;
    }

    /// <summary>
    /// Re-pairs the bytes of the '?' (unknown X), the first k tokens and the terminator, and
    /// scores the result. Byte stream: X, t1.b1, t1.b2, …, tk.b1, tk.b2, terminator.
    /// </summary>
    private Run? Evaluate(string text, int question, string? startReading, int? previousTrail,
        List<Token> tokens, int k, Token? terminator, int firstToken)
    {
        const int X = -1, Y = -2;
        var bytes = new List<int> { X };
        foreach (var t in tokens.Take(k)) { bytes.Add(t.B1); bytes.Add(t.B2); }
        var end = firstToken + k;
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

        // Walk the stream in step. Units are code points, or -1 for a character lost with its bytes.
        var units = new List<int>();
        string Before(List<int> sofar) => text[..question] + Render(sofar);
        var score = 0.0;
        var lostBytes = 0;
        var notes = new List<string>();
        for (var j = 0; j < bytes.Count;)
        {
            var b = bytes[j];
            if (b >= 0 && b < 0x80)
            {
                var continuesLatin = j == bytes.Count - 1 && end < text.Length && char.IsAsciiLetterOrDigit(text[end]);
                units.Add(b);
                score += (continuesLatin ? 0.5 : 0.02) - Baseline;
                j++;
                continue;
            }
            if (j + 1 >= bytes.Count) return null; // a lead byte with nothing to pair: not how this run ended
            var isLast = j + 2 == bytes.Count;
            var trail = bytes[j + 1];
            if (b == X || trail == Y)
            {
                var choice = b == X
                    ? ChooseLostByte(position: 0, trail, Before(units), previousTrail, startReading, isLast ? endReading : null, trail == Y)
                    : ChooseLostByte(position: 1, b, Before(units), nextByte: NextByte(text, end), reading: endReading, swallowedNothing: swallowedNothing);
                if (choice is null) return null;
                units.Add(choice.Value.CodePoint);
                score += Plausibility(choice.Value.CodePoint) - Baseline + choice.Value.Bonus;
                notes.Add(choice.Value.Note);
            }
            else
            {
                var cp = Gbk.Decode(b, trail);
                var plausibility = cp == Gbk.Invalid ? 0 : Plausibility(cp);
                var previous = units.Count > 0 ? units[^1] : -1;
                var deleted = BestDeletedPair(b, trail);
                var pairExplainsBetter = deleted is { } d && (
                    (plausibility < DoubtfulCharacter && d.Score >= plausibility + DeletionEvidence)
                    // the article writes the two characters together elsewhere, joined to what stands here
                    || (!_vocabulary.HasPair(previous, cp) && _vocabulary.HasPair(d.First, d.Second)
                        && (_vocabulary.HasPair(previous, d.First) || _vocabulary.HasPair(d.Second, NextPairAfter(bytes, j)))));
                if (cp == Gbk.Invalid || pairExplainsBetter)
                {
                    // Bytes between these were deleted (they had decoded to private-use characters):
                    // the lead's character, the trail's, and any character wholly inside the gap are lost.
                    var gap = ExplainGap(b, trail, isLast ? endReading : null);
                    for (var n = 0; n < gap.Characters; n++) units.Add(-1);
                    lostBytes += gap.LostBytes;
                    score += gap.Characters * (LostCharacter - Baseline);
                    notes.Add(gap.Note);
                }
                else
                {
                    units.Add(cp);
                    score += plausibility - Baseline;
                    if (isLast && endReading is not null)
                        score += judge.CanRead(cp, endReading) ? AnnotationAgrees : -AnnotationAgrees;
                }
            }
            j += 2;
        }

        if (restored.Length > 0) notes.Add($"restored the swallowed '{restored}'");
        var note = $"re-paired {bytes.Count} bytes; " + string.Join("; ", notes);
        return new Run(question, end, Render(units), restored, lostBytes, note, score);
    }

    /// <summary>Units as text: code points, and □ for a character lost with its bytes (-1).</summary>
    private static string Render(IEnumerable<int> units) =>
        string.Concat(units.Select(u => u == -1 ? Repair.Unrecoverable.ToString() : char.ConvertFromUtf32(u)));

    private readonly record struct LostByte(int CodePoint, double Bonus, string Note);

    /// <summary>
    /// Chooses the byte a '?' lost. At position 0 it is the lead of the run's first character (its
    /// partner is known); at position 1 the trail of the last. The annotation it sat inside, when
    /// there was one, must read as the pair it straddled (position 0) or as the character it
    /// followed (position 1), and a character the article annotates elsewhere beats one it writes
    /// without annotation: the annotator annotated every occurrence of the characters on its list.
    /// Otherwise the most plausible character wins, and punctuation, which all scores alike, is
    /// told apart by what stands before it. A pick the evidence does not single out is called a guess.
    /// </summary>
    private LostByte? ChooseLostByte(int position, int partner, string before, int? previousTrail = null, string? startReading = null,
        string? endReadingIfAlsoLast = null, bool partnerUnknown = false, int? nextByte = null, string? reading = null, bool swallowedNothing = false)
    {
        if (partnerUnknown) return null; // "??": two unknown bytes in one character cannot be told apart
        var annotationReading = position == 0 ? startReading : reading;
        var constrained = annotationReading is not null && (position == 1 || previousTrail is not null);
        var viable = new List<(int CodePoint, int Byte, int Annotated, double Score, double Plain, double Fit)>();
        for (var candidate = 0x81; candidate <= 0xFE; candidate++)
        {
            var cp = position == 0 ? Gbk.Decode(candidate, partner) : Gbk.Decode(partner, candidate);
            if (cp == Gbk.Invalid) continue;
            // the character the annotation was written after: straddled at the start, the character itself at the end
            var annotated = position == 0 && previousTrail is { } prev ? Gbk.Decode(prev, candidate) : cp;
            if (constrained && (annotated == Gbk.Invalid || !judge.CanRead(annotated, annotationReading!))) continue;
            if (position == 1 && swallowedNothing && nextByte is { } nb && Gbk.Decode(candidate, nb) != Gbk.Invalid)
                continue; // the decoder showed '?', so it could not pair this byte with the next one
            var plain = Plausibility(cp);
            var fit = PunctuationFit(before, cp);
            var score = plain + fit;
            if (position == 0 && endReadingIfAlsoLast is not null && judge.CanRead(cp, endReadingIfAlsoLast)) score += AnnotationAgrees;
            var listed = constrained ? _vocabulary.AnnotationEvidence(annotated, annotationReading!) : 0;
            viable.Add((cp, candidate, listed, score, plain, fit));
        }
        if (viable.Count == 0) return null;
        var ranked = viable.OrderByDescending(v => v.Annotated).ThenByDescending(v => v.Score).ThenBy(v => v.Byte).ToList();
        var best = ranked[0];
        var runnerUp = ranked.Count > 1 ? ranked[1] : default;
        var which = position == 0 ? "lead" : "trail";
        var how = constrained
            ? $"{which} byte {best.Byte:X2} restored from the annotation {annotationReading}" +
              (position == 0 ? $" ({previousTrail:X2} {best.Byte:X2} = {char.ConvertFromUtf32(Gbk.Decode(previousTrail!.Value, best.Byte))})" : "")
            : $"{which} byte {best.Byte:X2} chosen as the most plausible of {viable.Count}";
        if (ranked.Count > 1)
        {
            if (best.Annotated > runnerUp.Annotated)
                how += $"; {viable.Count} bytes fit, and the article annotates only this one elsewhere";
            else if (Math.Abs(best.Score - runnerUp.Score) < 1e-9)
                how += $"; a guess: {char.ConvertFromUtf32(runnerUp.CodePoint)} ({runnerUp.Byte:X2}) fits as well";
            else if (best.Fit > runnerUp.Fit && best.Plain <= runnerUp.Plain)
                how += $"; a guess by context over {char.ConvertFromUtf32(runnerUp.CodePoint)} ({runnerUp.Byte:X2})";
        }
        return new LostByte(best.CodePoint, best.Score - best.Plain, how);
    }

    private const string Closing = "”’》）」";
    private const string Opening = "“‘《（「";

    /// <summary>
    /// Common punctuation all scores 1, so the bytes alone pick the lowest one. What stands before
    /// tells them apart: a closing mark needs its opening mark still open, and a sentence or clause
    /// mark never follows another one (no "。、"); after one, only a closing mark can stand.
    /// </summary>
    private static double PunctuationFit(string before, int cp)
    {
        if (cp >= 0x10000 || !IsCommonPunctuation(cp)) return 0;
        var c = (char)cp;
        var closing = Closing.IndexOf(c);
        if (closing >= 0)
        {
            var open = Opening[closing];
            var depth = before.Count(x => x == open) - before.Count(x => x == c);
            return depth > 0 ? 0.5 : -0.5;
        }
        var previous = before.Length > 0 ? before[^1] : '\0';
        return Opening.Contains(c) || !IsCommonPunctuation(previous) || Closing.Contains(previous) ? 0 : -1;
    }

    private static int NextPairAfter(List<int> bytes, int j) =>
        j + 3 < bytes.Count && bytes[j + 2] >= 0x81 && bytes[j + 3] >= 0 ? Gbk.Decode(bytes[j + 2], bytes[j + 3]) : -1;

    private readonly record struct DeletedPair(int First, int Second, double Score);

    /// <summary>
    /// The out-of-step decoder read (trail of one character, lead of the next) as a pair, and the
    /// pairs it deleted are exactly those it turned into private-use characters: GBK's user-defined
    /// areas AA–AF/F8–FE × A1–FE and A1–A7 × 40–A0 (only 81–A0 of those can lead a character).
    /// </summary>
    private static bool IsDeletedPair(int p, int q) =>
        (p is >= 0xAA and <= 0xAF or >= 0xF8 and <= 0xFE && q is >= 0xA1 and <= 0xFE)
        || (p is >= 0xA1 and <= 0xA7 && q is >= 0x81 and <= 0xA0);

    private static readonly int[] DeletedPairFirstBytes =
        Enumerable.Range(0xA1, 7).Concat(Enumerable.Range(0xAA, 6)).Concat(Enumerable.Range(0xF8, 7)).ToArray();

    /// <summary>
    /// The best explanation of lead..trail as two characters whose middle bytes were deleted. When
    /// the gap ends the run and an annotation follows, the second character must read as it.
    /// </summary>
    private DeletedPair? BestDeletedPair(int lead, int trail, string? lastReading = null)
    {
        DeletedPair? best = null;
        foreach (var p in DeletedPairFirstBytes)
        {
            var first = Gbk.Decode(lead, p);
            if (first == Gbk.Invalid) continue;
            var firstScore = Plausibility(first);
            for (var q = 0x81; q <= 0xFE; q++)
            {
                if (!IsDeletedPair(p, q)) continue;
                var second = Gbk.Decode(q, trail);
                if (second == Gbk.Invalid || (lastReading is not null && !judge.CanRead(second, lastReading))) continue;
                var score = Math.Min(firstScore, Plausibility(second)) + (_vocabulary.HasPair(first, second) ? 1 : 0);
                if (best is null || score > best.Value.Score) best = new DeletedPair(first, second, score);
            }
        }
        return best;
    }

    /// <summary>
    /// The best explanation of lead..trail as pairs+1 characters with that many deleted pairs between
    /// them, scored by its least plausible character. Built left to right over the lead byte of the
    /// next character, which is all one step passes on to the next.
    /// </summary>
    private (string Text, double Score)? BestHiddenCharacters(int lead, int trail, int pairs, string? lastReading)
    {
        if (pairs == 1)
            return BestDeletedPair(lead, trail, lastReading) is { } d
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
                var score = Math.Min(state.Score, Plausibility(cp));
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
            if (cp == Gbk.Invalid || (lastReading is not null && !judge.CanRead(cp, lastReading))) continue;
            var score = Math.Min(state.Score, Plausibility(cp));
            if (best is null || score > best.Value.Score) best = (state.Text + char.ConvertFromUtf32(cp), score);
        }
        return best;
    }

    private const int MaxDeletedPairs = 3;

    private sealed record Gap(int Characters, int LostBytes, string Note);

    /// <summary>
    /// How many characters a gap between a surviving lead and trail byte hid. The decoder deleted
    /// whole pairs and stayed one byte out of step, so a gap is 2n bytes and n+1 characters: the one
    /// whose lead survives, the one whose trail survives and n-1 wholly inside. The bytes seldom
    /// fix n; every extra pair needs one more trail byte in the user-defined rows, so the smallest n
    /// with a plausible explanation is the likeliest. When a longer gap fits as well, the note says
    /// the count is uncertain. An annotation that follows the gap constrains its last character.
    /// </summary>
    private Gap ExplainGap(int lead, int trail, string? lastReading)
    {
        var key = (lead, trail, lastReading);
        if (_gaps.TryGetValue(key, out var cached)) return cached;
        var explanations = Enumerable.Range(1, MaxDeletedPairs)
            .Select(n => BestHiddenCharacters(lead, trail, n, lastReading)
                         ?? (lastReading is null ? null : BestHiddenCharacters(lead, trail, n, null)))
            .ToList();
        var chosen = explanations.FindIndex(e => e is { Score: >= DoubtfulCharacter });
        if (chosen < 0) chosen = Math.Max(0, explanations.FindIndex(e => e is not null));
        var pairs = chosen + 1;
        var details = new List<string>();
        if (explanations[chosen] is { } g) details.Add($"perhaps {g.Text}");
        if (lastReading is not null) details.Add($"the last reads {lastReading} as annotated");
        // A character wholly inside a gap leaves no byte behind, so a longer gap is hard to rule out.
        var longer = explanations.Skip(chosen + 1).Select((e, i) => (e, Pairs: pairs + 1 + i)).FirstOrDefault(x => x.e is { Score: >= DoubtfulCharacter });
        if (longer.e is not null) details.Add($"the count is uncertain: {2 * longer.Pairs} bytes would fit too");
        var note = $"{2 * pairs} bytes lost between {lead:X2} and {trail:X2}, {pairs + 1} characters ({string.Join("; ", details)})";
        return _gaps[key] = new Gap(pairs + 1, 2 * pairs, note);
    }

    /// <summary>A '?' that swallowed an annotation's '(' but left no out-of-step run: the character itself is gone.</summary>
    private Run LostCharacterRun(int question, int afterRemnant, string reading)
    {
        var guess = GuessByReading(reading);
        var note = $"a character was lost; the source's annotation reads {reading}" +
                   (guess is null ? "" : $"; guess: {char.ConvertFromUtf32(guess.Value)}");
        // Keep the annotation, with its '(' restored, on the □ that stands for the lost character.
        return new Run(question, question + 1, Repair.Unrecoverable.ToString(), "(", 2, note, 0);
    }

    private int? GuessByReading(string reading)
    {
        (int Cp, double Score)? best = null;
        for (var lead = 0x81; lead <= 0xFE; lead++)
        for (var trail = 0x40; trail <= 0xFE; trail++)
        {
            var cp = Gbk.Decode(lead, trail);
            if (cp == Gbk.Invalid || !judge.CanRead(cp, reading)) continue;
            var score = Plausibility(cp);
            if (best is null || score > best.Value.Score) best = (cp, score);
        }
        return best?.Cp;
    }

    /// <summary>How plausible the text from..to is as it stands (annotations count for nothing).</summary>
    private double InStepScore(string text, int from, int to)
    {
        var score = 0.0;
        for (var p = from; p < to; p++)
        {
            if (text[p] == '(')
            {
                var annotation = Pinyin.Annotation().Match(text, p);
                if (annotation.Success && annotation.Index == p) { p += annotation.Length - 1; continue; }
            }
            score += InStepPlausibility(text[p]) - Baseline;
        }
        return score;
    }

    private double InStepPlausibility(char c) => c switch
    {
        '?' => 0.6,
        _ when char.IsAsciiLetterOrDigit(c) => 0.5,
        _ when c < '\x7F' => 0.5,
        _ => Plausibility(c),
    };

    private double Plausibility(int codePoint)
    {
        if (IsCommonPunctuation(codePoint)) return 1;
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category != UnicodeCategory.OtherLetter) return 0.02;
        // A character the article itself uses elsewhere is the article's convention (于, 后), even
        // where a dictionary would call it Simplified-only.
        return _vocabulary.Uses(codePoint) ? Math.Max(0.5, Math.Min(1, judge.Plausibility(codePoint) + VocabularyBonus)) : judge.Plausibility(codePoint);
    }

    private static bool IsCommonPunctuation(int cp) => "。，、；：？！“”‘’《》（）…—·「」".Contains((char)cp) && cp < 0x10000;

    private static bool LooksLikeClosingTag(string text, int at) =>
        at + 2 < text.Length && text[at] == '/' && char.IsAsciiLetter(text[at + 1]) && text.IndexOf('>', at) is > 0 and var gt && gt - at < 12;

    private static int? NextByte(string text, int at)
    {
        if (at >= text.Length) return null;
        var c = text[at];
        if (c < '\x80') return c is > ' ' and < '\x7F' ? Gbk.FullwidthBytes(c).Lead : c;
        return Gbk.TryEncodePair(c, out var lead, out _) ? lead : null;
    }

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
