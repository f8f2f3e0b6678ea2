using PolicyNews.Archive.Store;
using PolicyNews.Archive.Store.PostgreSQL;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>What one import run did. A run either succeeds as a whole or writes nothing and lists its problems.</summary>
public sealed record ImportResult(
    IReadOnlyList<FileOutcome> Files,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ImportProblem> Problems,
    int TagsChanged,
    int TagLinksAdded,
    int TagLinksRemoved,
    long RowsChanged)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>
    /// Whether the WAL was moved into the main file after the commit; when it was not, <see cref="CheckpointMessage"/>
    /// says what that means for the file and what to do. A failed run has nothing to checkpoint.
    /// </summary>
    public CheckpointStatus Checkpoint { get; init; }

    public string? CheckpointMessage { get; init; }

    public int Imported => Files.Count(f => f.Status is FileStatus.Added or FileStatus.Replaced);
    public int Unchanged => Files.Count(f => f.Status is FileStatus.Unchanged or FileStatus.MetadataUpdated);

    /// <summary>Counts over the files whose text was (re)written in this run.</summary>
    public DocumentCounts Totals => Files.Aggregate(DocumentCounts.Zero, (sum, f) => sum + f.Counts);

    public static ImportResult Failed(IReadOnlyList<ImportProblem> problems, IReadOnlyList<string>? warnings = null) =>
        new([], warnings ?? [], problems, 0, 0, 0, 0);
}

public enum CheckpointStatus
{
    /// <summary>The main file alone holds every commit.</summary>
    Complete,
    /// <summary>Readers held old snapshots; some committed pages are still only in the WAL, and a later checkpoint moves them.</summary>
    Incomplete,
    /// <summary>Writing the main file failed (disk full, I/O error): the commit is safe in the WAL, the main file alone is not a complete copy.</summary>
    Failed,
}

public enum FileStatus
{
    /// <summary>A new article.</summary>
    Added,
    /// <summary>The file changed; its article was rewritten, keeping the ids of unchanged sections and paragraphs.</summary>
    Replaced,
    /// <summary>Same bytes, same slug: nothing written.</summary>
    Unchanged,
    /// <summary>Same bytes, but articles.json changed the title, date, source …: only those columns written.</summary>
    MetadataUpdated,
}

public sealed record FileOutcome(
    string FileName,
    FileStatus Status,
    string Slug,
    string? Encoding,
    DocumentCounts Counts,
    ParagraphChanges? Paragraphs);

/// <summary>How a rewritten article's paragraphs relate to the previous import.</summary>
public sealed record ParagraphChanges(int Kept, int Added, int Removed);

/// <summary>One reason the run failed, naming the file (or database) at fault.</summary>
public sealed record ImportProblem(string File, string Reason)
{
    public override string ToString() => $"{File}: {Reason}";
}

public sealed record DocumentCounts(
    int Sections, int Paragraphs, int ListItems, int Annotations,
    int CertainRepairs, int PartialRepairs, int LostBytes)
{
    public static readonly DocumentCounts Zero = new(0, 0, 0, 0, 0, 0, 0);

    public int Repairs => CertainRepairs + PartialRepairs;

    public static DocumentCounts Of(ArticleDocument document)
    {
        var blocks = document.Blocks.ToList();
        var repairs = document.Repairs.ToList();
        return new(
            document.Sections.Count,
            blocks.Count(b => b.Kind == BlockKind.Paragraph),
            blocks.Count(b => b.Kind == BlockKind.ListItem),
            document.AnnotationCount,
            repairs.Count(r => r.Confidence == RepairConfidence.Certain),
            repairs.Count(r => r.Confidence == RepairConfidence.Partial),
            repairs.Sum(r => r.LostBytes));
    }

    public static DocumentCounts operator +(DocumentCounts a, DocumentCounts b) => new(
        a.Sections + b.Sections, a.Paragraphs + b.Paragraphs, a.ListItems + b.ListItems, a.Annotations + b.Annotations,
        a.CertainRepairs + b.CertainRepairs, a.PartialRepairs + b.PartialRepairs, a.LostBytes + b.LostBytes);
}

/// <summary>One import run's input. Metadata and tags are optional; without tags the stored taxonomy is kept.</summary>
public sealed record ImportRequest(
    string DatabasePath,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, ArticleMetadata>? Metadata = null,
    IReadOnlyList<TagDefinition>? Tags = null)
{
    /// <summary>
    /// <see cref="ArchiveProvider.Sqlite"/>: <see cref="DatabasePath"/> is the file (created when
    /// missing); <see cref="ArchiveProvider.PostgreSQL"/>: it is the connection string of the primary.
    /// </summary>
    public ArchiveProvider Provider { get; init; } = ArchiveProvider.Sqlite;

    /// <summary>The archive for messages: the file, or host:port/database (never a password).</summary>
    public string Where => Provider == ArchiveProvider.Sqlite ? DatabasePath : PostgresArchive.Describe(DatabasePath);
}
