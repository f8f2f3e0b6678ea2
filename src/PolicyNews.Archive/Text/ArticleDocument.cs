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
    public IEnumerable<Repair> Repairs => Blocks.SelectMany(b => b.Repairs).Concat(Sections.SelectMany(s => s.HeadingRepairs));

    /// <summary>Pinyin annotations kept with the text, in paragraphs and in headings.</summary>
    public int AnnotationCount => Blocks.Sum(b => b.Annotations.Count) + Sections.Sum(s => s.HeadingAnnotations.Count);
}

/// <summary>
/// Ordinal 0 is the lead (no heading); headed sections follow from 1. A heading keeps the pinyin
/// annotations and repairs of its source line, with offsets into <see cref="Heading"/> (stored in
/// heading_annotations and heading_repairs).
/// </summary>
public sealed record DocumentSection(int Ordinal, string? Heading, IReadOnlyList<DocumentBlock> Blocks)
{
    public IReadOnlyList<ReadingAnnotation> HeadingAnnotations { get; init; } = [];
    public IReadOnlyList<Repair> HeadingRepairs { get; init; } = [];
}

public enum BlockKind { Paragraph, ListItem }

/// <summary>A paragraph or a numbered list item, with its annotations and repairs.</summary>
public sealed record DocumentBlock(
    BlockKind Kind,
    string Text,
    int? ItemNumber,
    IReadOnlyList<ReadingAnnotation> Annotations,
    IReadOnlyList<Repair> Repairs);

/// <summary>A pinyin annotation the source carried: the character at Offset was read as Reading.</summary>
public sealed record ReadingAnnotation(int Offset, string Character, string Reading);

public enum RepairConfidence { Certain, Partial }

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

/// <summary>Lines the source kept in its body that are really metadata.</summary>
public sealed record Bylines(string? Reporter, string? AuthorNote, string? Editor);
