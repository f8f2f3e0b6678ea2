using PolicyNews.Archive.Import;

namespace PolicyNews.Importer;

/// <summary>The human-readable report of a successful run: one line per file, warnings, totals.</summary>
public static class ImportReport
{
    public static void Print(ImportResult result, string database, TextWriter output)
    {
        foreach (var file in result.Files)
            output.WriteLine(Describe(file));
        foreach (var warning in result.Warnings)
            output.WriteLine($"warning: {warning}");

        var t = result.Totals;
        var articles = result.Imported;
        output.WriteLine($"files: {result.Imported} imported, {result.Unchanged} unchanged");
        output.WriteLine($"articles written: {articles}; sections {t.Sections}, paragraphs {t.Paragraphs}, list items {t.ListItems}, " +
                         $"annotations {t.Annotations}");
        output.WriteLine($"repairs: {t.CertainRepairs} certain, {t.PartialRepairs} partial; lost bytes {t.LostBytes}");
        output.WriteLine($"tags: {result.TagsChanged} changed, {result.TagLinksAdded} section links added, {result.TagLinksRemoved} removed");
        output.WriteLine($"warnings: {result.Warnings.Count}; rows changed: {result.RowsChanged}; database: {database}");
    }

    static string Describe(FileOutcome file)
    {
        var head = $"{Label(file.Status),-10} {file.FileName} → {file.Slug}";
        if (file.Status is FileStatus.Unchanged or FileStatus.MetadataUpdated)
            return head;
        var c = file.Counts;
        var line = $"{head} ({file.Encoding}): {c.Sections} sections, {c.Paragraphs} paragraphs, {c.ListItems} list items, " +
                   $"{c.Annotations} annotations, {c.Repairs} repairs ({c.CertainRepairs} certain, {c.PartialRepairs} partial), " +
                   $"{c.LostBytes} lost bytes";
        return file.Paragraphs is { } p && file.Status == FileStatus.Replaced
            ? $"{line}; paragraphs kept {p.Kept}, added {p.Added}, removed {p.Removed}"
            : line;
    }

    static string Label(FileStatus status) => status switch
    {
        FileStatus.Added => "added",
        FileStatus.Replaced => "replaced",
        FileStatus.MetadataUpdated => "metadata",
        _ => "unchanged",
    };
}
