using System.Text;
using System.Text.RegularExpressions;
using PolicyNews.Archive.Text;

namespace PolicyNews.Tests.Import;

/// <summary>
/// A stand-in for the real text pipeline, simple enough to predict in tests. One line = one block:
/// a short line without closing punctuation is a heading; "1." starts a list item; 字(pinyin)
/// becomes an annotation; U+FFFD becomes □ with a partial repair; "責任編輯：X" is the editor byline;
/// a line starting "!reject" makes the file rejected.
/// </summary>
public sealed partial class FakePipeline : IArticlePipeline
{
    int calls;

    /// <summary>How many files it cleaned; the importer cleans several at once.</summary>
    public int Calls => calls;

    public PipelineResult Clean(byte[] bytes, string fileName)
    {
        Interlocked.Increment(ref calls);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SourceRejectedException(fileName, "not valid UTF-8");
        }

        var sections = new List<(string? Heading, List<DocumentBlock> Blocks)> { (null, []) };
        string? editor = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
                continue;
            if (line.StartsWith("!reject"))
                throw new SourceRejectedException(fileName, line[7..].Trim());
            if (line.StartsWith("責任編輯："))
            {
                editor = line["責任編輯：".Length..];
                continue;
            }
            if (line.Length <= 30 && !"。！？”.:：)）".Contains(line[^1]) && !ListItem().IsMatch(line))
            {
                sections.Add((line, []));
                continue;
            }
            sections[^1].Blocks.Add(Block(line));
        }
        var document = new ArticleDocument(
            sections.Select((s, i) => new DocumentSection(i, s.Heading, TextMarks.None, s.Blocks)).ToList(),
            new Bylines(null, null, editor),
            []);
        return new PipelineResult(document, "utf-8");
    }

    static DocumentBlock Block(string line)
    {
        var item = ListItem().Match(line);
        int? number = item.Success ? int.Parse(item.Groups[1].Value) : null;
        if (item.Success)
            line = line[item.Length..];

        var annotations = new List<ReadingAnnotation>();
        var repairs = new List<Repair>();
        var clean = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var m = Annotation().Match(line, i);
            if (m.Success && m.Index == i)
            {
                annotations.Add(new ReadingAnnotation(clean.Length, m.Groups[1].Value, m.Groups[2].Value));
                clean.Append(m.Groups[1].Value);
                i += m.Length - 1;
            }
            else if (line[i] == '\uFFFD')
            {
                repairs.Add(new Repair(clean.Length, 1, "\uFFFD", Repair.Unrecoverable.ToString(), RepairConfidence.Partial, 1, "fake"));
                clean.Append(Repair.Unrecoverable);
            }
            else
                clean.Append(line[i]);
        }
        return new DocumentBlock(number is null ? BlockKind.Paragraph : BlockKind.ListItem, clean.ToString(), number, new TextMarks(annotations, repairs));
    }

    [GeneratedRegex(@"^(\d+)\.")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(\p{IsCJKUnifiedIdeographs})\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)")]
    private static partial Regex Annotation();
}
