namespace PolicyNews.Archive.Text;

/// <summary>
/// Stage 2: finds runs of GBK text that were decoded one byte out of step and rebuilds them from
/// their bytes (docs/data-pipeline.md and docs/seed-damage.md describe the mechanism).
///
/// A run starts at a '?': a byte the decoder could not pair, often together with the '(' of an
/// annotation that was inserted inside a character (then a remnant like <c>shù)</c> follows).
/// After it every character is the trail byte of one real character plus the lead byte of the
/// next. The run ends where the decoder fell back in step: at a trail byte that surfaced as an
/// ASCII letter, at a lone 0x80 shown as '€', at a '?' that swallowed the next ASCII byte, or
/// where a real ASCII letter was eaten as a trail byte. Every way the run could end is tried and
/// the reading with the most plausible characters wins (<see cref="RunFinder"/>,
/// <see cref="BytePairing"/>); bytes the '?' lost are chosen by the annotation they were inside (a
/// hard constraint) or by plausibility (<see cref="LostByteChooser"/>). Pairs that no longer spell
/// a character mark bytes deleted for good (they had decoded to private-use characters), and so do
/// pairs that spell one where a reading with a deletion is as plausible (者 in an article that
/// writes 政策): a gap of n deleted pairs stands for n+1 characters shown as □
/// (<see cref="GapExplainer"/>). A repair is certain only when no byte was lost or guessed.
///
/// Built once and shared: what it learns about an article lives in a <see cref="RepairContext"/>.
/// </summary>
public sealed class MojibakeRepair(ICharacterJudge judge)
{
    /// <summary>Repairs a line on its own, as if it were the whole article.</summary>
    public LineText Apply(LineText line) => Apply(line, DocumentVocabulary.Empty);

    /// <summary>Repairs one line of the article with this vocabulary.</summary>
    public LineText Apply(LineText line, DocumentVocabulary vocabulary) => Apply(line, ContextFor(vocabulary));

    /// <summary>What the repair keeps for one article; pass the same context for all of its lines.</summary>
    internal RepairContext ContextFor(DocumentVocabulary vocabulary) => new(judge, vocabulary);

    internal LineText Apply(LineText line, RepairContext article)
    {
        var text = line.Text;
        var edits = new TextEdits(text);
        var repairs = new List<Repair>();
        var shift = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '?') continue;
            var run = RunFinder.Find(text, i, article);
            if (run is null) continue;
            edits.Replace(run.Start, run.End - run.Start, run.Repaired + run.Restored);
            repairs.Add(new Repair(run.Start + shift, run.Repaired.Length, text[run.Start..run.End], run.Repaired,
                run.Confidence, run.LostBytes, run.Note));
            shift += run.Repaired.Length + run.Restored.Length - (run.End - run.Start);
            i = run.End - 1;
        }
        return edits.IsEmpty ? line : line.With(edits, newRepairs: repairs);
    }
}
