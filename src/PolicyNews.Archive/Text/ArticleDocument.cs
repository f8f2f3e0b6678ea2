namespace PolicyNews.Archive.Text;

/// <summary>
/// What the text pipeline makes of one source file: clean, structured text plus everything it
/// had to change to get there. Positions are UTF-16 offsets into the clean text of one block.
/// </summary>
public sealed record ArticleDocument(
    IReadOnlyList<DocumentSection> Sections,
    Bylines Bylines,
    IReadOnlyList<string> Warnings)
{
    public IEnumerable<DocumentBlock> Blocks => Sections.SelectMany(s => s.Blocks);

    /// <summary>Every repair of the article: those in paragraphs, then those in headings.</summary>
    public IEnumerable<Repair> Repairs => Blocks.SelectMany(b => b.Marks.Repairs).Concat(Sections.SelectMany(s => s.HeadingMarks.Repairs));

    /// <summary>Pinyin annotations kept with the text, in paragraphs and in headings.</summary>
    public int AnnotationCount => Blocks.Sum(b => b.Marks.Annotations.Count) + Sections.Sum(s => s.HeadingMarks.Annotations.Count);
}

/// <summary>
/// Ordinal 0 is the lead (no heading); headed sections follow from 1. A heading keeps the marks of
/// its source line, with offsets into <see cref="Heading"/>.
/// </summary>
public sealed record DocumentSection(int Ordinal, string? Heading, TextMarks HeadingMarks, IReadOnlyList<DocumentBlock> Blocks);

/// <summary>A paragraph or a numbered list item, with its marks.</summary>
public sealed record DocumentBlock(BlockKind Kind, string Text, int? ItemNumber, TextMarks Marks);

/// <summary>
/// What the pipeline recorded against one piece of text, a paragraph or a heading: the source's
/// pinyin and the repairs, at UTF-16 offsets into that text. Headings and paragraphs carry the same
/// shape from the pipeline through the store to the page.
/// </summary>
public sealed record TextMarks(IReadOnlyList<ReadingAnnotation> Annotations, IReadOnlyList<Repair> Repairs)
{
    public static readonly TextMarks None = new([], []);
}

/// <summary>A pinyin annotation the source carried: the character at Offset was read as Reading.</summary>
public sealed record ReadingAnnotation(int Offset, string Character, string Reading);

/// <summary>
/// One mojibake run rebuilt from its bytes. Original is the damaged text as the source held it;
/// Replacement is what stands at Offset..Offset+Length in the clean text. LostBytes counts bytes
/// the damage destroyed; each character they belonged to is shown as <see cref="Repair.Unrecoverable"/>.
/// </summary>
public sealed record Repair(int Offset, int Length, string Original, string Replacement,
    RepairConfidence Confidence, int LostBytes, string Note)
{
    public const char Unrecoverable = '□';
}

public enum BlockKind { Paragraph, ListItem }

public enum RepairConfidence { Certain, Partial }

/// <summary>
/// The words that stand for <see cref="BlockKind"/> and <see cref="RepairConfidence"/> outside the
/// code: in the database (whose CHECK constraints allow just these), the JSON API and the pages' CSS classes.
/// </summary>
public static class EnumWords
{
    public static string Of(BlockKind kind) => kind == BlockKind.ListItem ? "item" : "paragraph";

    public static string Of(RepairConfidence confidence) => confidence == RepairConfidence.Certain ? "certain" : "partial";

    public static BlockKind ToBlockKind(string word) => word == "item" ? BlockKind.ListItem : BlockKind.Paragraph;

    public static RepairConfidence ToConfidence(string word) => word == "certain" ? RepairConfidence.Certain : RepairConfidence.Partial;
}

/// <summary>Lines the source kept in its body that are really metadata.</summary>
public sealed record Bylines(string? Reporter, string? AuthorNote, string? Editor);
