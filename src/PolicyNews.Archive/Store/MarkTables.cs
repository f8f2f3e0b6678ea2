namespace PolicyNews.Archive.Store;

/// <summary>
/// Where the marks of a text are stored: a paragraph's in annotations and repairs, keyed by
/// paragraph_id; a heading's in heading_annotations and heading_repairs, keyed by its section_id.
/// The columns are otherwise the same, so the store and the importer read and write both kinds
/// through one code path.
/// </summary>
internal sealed record MarkTables(string Annotations, string Repairs, string OwnerColumn, string OwnersOfSections)
{
    public static readonly MarkTables Paragraphs = new("annotations", "repairs", "paragraph_id",
        "SELECT p.id FROM paragraphs p JOIN sections s ON s.id = p.section_id");

    public static readonly MarkTables Headings = new("heading_annotations", "heading_repairs", "section_id",
        "SELECT s.id FROM sections s");

    /// <summary>A WHERE condition for the marks of the texts in the sections <paramref name="sections"/> picks (over <c>s</c>).</summary>
    public string OwnedIn(string sections) => $"{OwnerColumn} IN ({OwnersOfSections} WHERE {sections})";
}
