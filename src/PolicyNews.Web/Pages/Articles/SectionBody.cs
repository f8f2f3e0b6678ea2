using PolicyNews.Archive.Store;

namespace PolicyNews.Web.Pages.Articles;

/// <summary>The model of _SectionBody: one section's blocks, and search terms to mark (from ?hl=).</summary>
public sealed record SectionBody(SectionView Section, IReadOnlyList<string> Highlight)
{
    /// <summary>The blocks in reading order, consecutive list items gathered into one list.</summary>
    public IEnumerable<IReadOnlyList<ParagraphView>> Runs()
    {
        var run = new List<ParagraphView>();
        foreach (var paragraph in Section.Paragraphs)
        {
            if (run.Count > 0 && (!paragraph.IsListItem || !run[0].IsListItem))
            {
                yield return run;
                run = [];
            }
            run.Add(paragraph);
        }
        if (run.Count > 0)
            yield return run;
    }

    public IReadOnlyList<RepairView> Repairs => Section.HeadingRepairs.Concat(Section.Paragraphs.SelectMany(p => p.Repairs)).ToList();

    /// <summary>Terms to highlight from the query string: at most 8, each at most 50 characters.</summary>
    public static IReadOnlyList<string> ParseHighlight(string? value) =>
        (value ?? "").Split([' ', '\u3000', '"', '\''], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => !t.StartsWith('-') && t.Length <= 50)
            .Take(8)
            .ToList();
}
