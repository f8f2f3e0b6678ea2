using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Pages.Articles;

/// <summary>The model of _SectionBody: one section's blocks, and the search whose matches to mark (from ?hl=).</summary>
public sealed record SectionBody(SectionView Section, SearchQuery? Highlight)
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

    /// <summary>The section's repairs for the notes under it, listed once when the body is built (the view reads them three times).</summary>
    public IReadOnlyList<Repair> Repairs { get; } = Section.AllRepairs.ToList();

    /// <summary>
    /// ?hl= as the search page writes it: parsed like a search, so the page marks exactly what
    /// search matched (either script, any case or width, pinyin included).
    /// </summary>
    public static SearchQuery? ParseHighlight(string? value) => string.IsNullOrWhiteSpace(value) ? null : SearchQuery.Parse(value);
}
