namespace PolicyNews.Archive.Store;

/// <summary>
/// Where the marks of a text are stored: a paragraph's in annotations and repairs, keyed by
/// paragraph_id; a heading's in heading_annotations and heading_repairs, keyed by its section_id.
/// The columns are otherwise the same, so the store and the importer read and write both through
/// one code path. <see cref="OwnerIds"/> selects the owners' ids joined to their section as <c>s</c>.
/// </summary>
internal sealed record MarkTables(string Annotations, string Repairs, string OwnerColumn, string OwnerIds)
{
    public static readonly MarkTables Paragraphs = new("annotations", "repairs", "paragraph_id",
        "SELECT p.id FROM paragraphs p JOIN sections s ON s.id = p.section_id");

    public static readonly MarkTables Headings = new("heading_annotations", "heading_repairs", "section_id",
        "SELECT s.id FROM sections s");

    /// <summary>A WHERE condition: marks whose owner stands in the sections <paramref name="sections"/> picks (a condition over <c>s</c>).</summary>
    public string OwnedIn(string sections) => $"{OwnerColumn} IN ({OwnerIds} WHERE {sections})";
}
