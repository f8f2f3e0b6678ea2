namespace PolicyNews.Archive.Text;

/// <summary>
/// Stage 4: takes the annotator's <c>(pīnyīn)</c> out of the text and keeps each one as a
/// reading of the character it follows, so pages can show it as ruby. Parenthesised text that
/// is not tone-marked pinyin — (AI), (1.7%), (記者 趙廣立) — is left alone.
/// </summary>
public sealed class PinyinSeparator(ICharacterJudge judge)
{
    public sealed record Outcome(LineText Line, int Separated, IReadOnlyList<string> Mismatches);

    public Outcome Apply(LineText line)
    {
        var text = line.Text;
        var edits = new TextEdits(text);
        var found = new List<(int SourceOffset, string Character, string Reading)>();
        var mismatches = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in Pinyin.Annotation().Matches(text))
        {
            edits.Delete(m.Index, m.Length);
            if (m.Index == 0) continue; // nothing to hang it on
            var at = char.IsLowSurrogate(text[m.Index - 1]) && m.Index >= 2 ? m.Index - 2 : m.Index - 1;
            var character = char.ConvertFromUtf32(char.ConvertToUtf32(text, at));
            var reading = m.Groups[1].Value;
            found.Add((at, character, reading));
            if (character[0] != Repair.Unrecoverable && !judge.CanRead(char.ConvertToUtf32(character, 0), reading))
                mismatches.Add($"annotation ({reading}) does not read {character}");
        }
        if (edits.IsEmpty) return new Outcome(line, 0, mismatches);
        var annotations = found.Select(f => new ReadingAnnotation(edits.Map(f.SourceOffset), f.Character, f.Reading));
        return new Outcome(line.With(edits, newAnnotations: annotations), found.Count, mismatches);
    }
}
