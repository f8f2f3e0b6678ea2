using System.Text.RegularExpressions;

namespace PolicyNews.Archive.Text;

/// <summary>
/// Stage 6: clean lines to an article. The seeds have no markup for structure, so it is read off
/// the text the way an editor would: a short line without sentence punctuation is a heading; a
/// line opening with "1." is a list item; the reporter's "（記者 …）", the author's "（作者為…）"
/// and the "責任編輯：…" line are metadata, not body text.
/// </summary>
public static partial class Structurer
{
    private const int MaxHeadingLength = 30;

    public static ArticleDocument Structure(IReadOnlyList<LineText> lines, IReadOnlyList<string> warnings)
    {
        string? reporter = null, authorNote = null, editor = null;
        var sections = new List<(LineText? Heading, List<DocumentBlock> Blocks)> { (null, []) };

        foreach (var original in lines)
        {
            var line = Trim(original);
            if (line.Text.Length == 0) continue;

            if (EditorLine().Match(line.Text) is { Success: true } e) { editor = e.Groups[1].Value.Trim(); continue; }
            if (AuthorLine().Match(line.Text) is { Success: true } a) { authorNote = a.Groups[1].Value.Trim(); continue; }
            if (ReporterAtEnd().Match(line.Text) is { Success: true } r)
            {
                reporter = r.Groups[1].Value.Trim();
                line = Cut(line, 0, r.Index);
                if (line.Text.Length == 0) continue;
            }

            if (ListItem().Match(line.Text) is { Success: true } item)
            {
                var body = Cut(line, item.Groups[2].Index, line.Text.Length);
                sections[^1].Blocks.Add(Block(BlockKind.ListItem, body, int.Parse(item.Groups[1].Value)));
            }
            else if (IsHeading(line.Text, isFirstLine: sections.Count == 1 && sections[0].Blocks.Count == 0))
                sections.Add((line, [])); // the whole line, so its annotations and repairs are kept
            else
                sections[^1].Blocks.Add(Block(BlockKind.Paragraph, line, null));
        }

        var result = sections
            .Select((s, ordinal) => new DocumentSection(ordinal, s.Heading?.Text, s.Heading?.Marks ?? TextMarks.None, s.Blocks))
            .Where(s => s.Ordinal > 0 || s.Blocks.Count > 0)
            .ToList();
        var allWarnings = warnings.ToList();
        allWarnings.AddRange(result.Where(s => s.Blocks.Count == 0).Select(s => $"section '{s.Heading}' has no text"));
        return new ArticleDocument(result, new Bylines(reporter, authorNote, editor), allWarnings);
    }

    public static bool IsHeading(string text, bool isFirstLine) =>
        !isFirstLine
        && text.Length <= MaxHeadingLength
        && !text.EndsWith('。') && !text.EndsWith('：') && !text.EndsWith('；')
        && text.IndexOfAny(['。', '，', '；', '：', '、']) < 0;

    private static DocumentBlock Block(BlockKind kind, LineText line, int? number) =>
        new(kind, line.Text, number, line.Marks);

    private static LineText Trim(LineText line)
    {
        var start = 0;
        var end = line.Text.Length;
        while (start < end && char.IsWhiteSpace(line.Text[start])) start++;
        while (end > start && char.IsWhiteSpace(line.Text[end - 1])) end--;
        return Cut(line, start, end);
    }

    /// <summary>The part start..end of a line, with the annotations and repairs that fall inside it.</summary>
    private static LineText Cut(LineText line, int start, int end)
    {
        if (start == 0 && end == line.Text.Length) return line;
        return new LineText(
            line.Text[start..end],
            line.Annotations.Where(x => x.Offset >= start && x.Offset < end).Select(x => x with { Offset = x.Offset - start }).ToList(),
            line.Repairs.Where(x => x.Offset >= start && x.Offset + x.Length <= end).Select(x => x with { Offset = x.Offset - start }).ToList());
    }

    [GeneratedRegex(@"^(?:責任編輯|责任编辑)\s*[:：]\s*(.+)$")]
    private static partial Regex EditorLine();

    [GeneratedRegex(@"^[（(]\s*((?:作者|作者系)[為为系是].+)[）)]$")]
    private static partial Regex AuthorLine();

    [GeneratedRegex(@"[（(]\s*(?:記者|记者)\s*([^（）()]{1,20})[）)]\s*$")]
    private static partial Regex ReporterAtEnd();

    [GeneratedRegex(@"^(\d{1,2})\s*[.．、]\s*(\S.*)$")]
    private static partial Regex ListItem();
}
