namespace PolicyNews.Archive.Text;

/// <summary>
/// One source line on its way through the pipeline: its text so far, and the annotations and
/// repairs recorded against that text. Stages return a new LineText; <see cref="With"/> carries
/// earlier positions across a stage's edits.
/// </summary>
public sealed record LineText(string Text, IReadOnlyList<ReadingAnnotation> Annotations, IReadOnlyList<Repair> Repairs)
{
    public static LineText Of(string text) => new(text, [], []);

    /// <summary>What the line's text keeps once it is a paragraph or a heading.</summary>
    public TextMarks Marks => new(Annotations, Repairs);

    public LineText With(TextEdits edits, IEnumerable<ReadingAnnotation>? newAnnotations = null, IEnumerable<Repair>? newRepairs = null)
    {
        if (!ReferenceEquals(edits.Source, Text) && edits.Source != Text)
            throw new InvalidOperationException("edits were made against another text");
        var annotations = Annotations.Select(a => a with { Offset = edits.Map(a.Offset) });
        var repairs = Repairs.Select(r =>
        {
            var start = edits.Map(r.Offset);
            return r with { Offset = start, Length = edits.Map(r.Offset + r.Length) - start };
        });
        return new LineText(
            edits.Apply(),
            annotations.Concat(newAnnotations ?? []).OrderBy(a => a.Offset).ToList(),
            repairs.Concat(newRepairs ?? []).OrderBy(r => r.Offset).ToList());
    }
}
