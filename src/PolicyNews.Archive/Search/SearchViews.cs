using PolicyNews.Archive.Store;

namespace PolicyNews.Archive.Search;

public enum SearchSort
{
    /// <summary>Best BM25 score first; a heading match counts more than a body match.</summary>
    Relevance,
    /// <summary>Newest article first (undated last), sections in article order.</summary>
    Newest,
}

/// <summary>
/// A search as the page or API asks for it. <see cref="Tag"/> and <see cref="Article"/> are slugs;
/// an unknown one simply matches nothing. Page and PageSize are clamped, never rejected.
/// <see cref="CountAll"/> counts every hit even past the limit where a search stops counting.
/// <see cref="Articles"/> keeps hits in articles of a source, type and date range (its tag and kind
/// are not used: <see cref="Tag"/> is the section's own).
/// </summary>
public sealed record SearchRequest(
    string Query,
    string? Tag = null,
    string? Article = null,
    SearchSort Sort = SearchSort.Relevance,
    int Page = 1,
    int PageSize = 20,
    bool CountAll = false,
    ArticleFilter? Articles = null);

/// <summary>
/// One page of results. <see cref="TotalHits"/> counts matching sections over all pages when
/// <see cref="TotalIsExact"/>; otherwise there are more than <see cref="TotalHits"/> (a search
/// stops counting past a limit, see <see cref="SearchStore"/>). Hits of the page are grouped by
/// article, articles in the order of their first hit on the page.
/// </summary>
public sealed record SearchResults(
    SearchQuery Query,
    int TotalHits,
    bool TotalIsExact,
    int Page,
    int PageSize,
    IReadOnlyList<SearchArticleHits> Articles,
    bool HasNext)
{
    /// <summary>Null when the total is not exact.</summary>
    public int? PageCount => !TotalIsExact ? null : TotalHits == 0 ? 0 : (TotalHits + PageSize - 1) / PageSize;
    public bool HasPrevious => Page > 1 && TotalHits > 0;
    public IEnumerable<SearchHit> Hits => Articles.SelectMany(a => a.Hits);
}

public sealed record SearchArticleHits(ArticleRef Article, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// A matching section. <see cref="ParagraphId"/> is the stable id (the #anchor) of the paragraph
/// that matches best, null when only the heading matched. <see cref="Heading"/> is the section
/// heading split into matched and unmatched segments (empty for the lead). <see cref="Snippet"/>
/// is cut from that paragraph's original text (or the section's first paragraph when only the
/// heading matched). <see cref="Score"/> is the ranking rules as one number, higher is better (4 per
/// match tier above the last, 2 for a heading match, 1 for close terms; docs/search.md, "Ranking");
/// 0 for hits sorted by date. <see cref="Labels"/> are the section's labels that hold a term, marked:
/// the article's title, author and source (for the lead) and the section's tag names, indexed with it.
/// </summary>
public sealed record SearchHit(
    SectionLink Section,
    string? ParagraphId,
    IReadOnlyList<SnippetSegment> Heading,
    Snippet Snippet,
    double Score,
    IReadOnlyList<MatchedLabel> Labels);

/// <summary>What a label is: <see cref="Kind"/> is title, author, source or tag.</summary>
public sealed record MatchedLabel(string Kind, IReadOnlyList<SnippetSegment> Segments);

/// <summary>
/// Text to show as-is: segments in order, <see cref="SnippetSegment.IsMatch"/> ones highlighted.
/// The text is the stored (original script) text, not HTML; the page escapes and marks it.
/// </summary>
public sealed record Snippet(IReadOnlyList<SnippetSegment> Segments, bool CutAtStart, bool CutAtEnd)
{
    public static Snippet Empty { get; } = new([], false, false);
    public string Text => string.Concat(Segments.Select(s => s.Text));
}

public sealed record SnippetSegment(string Text, bool IsMatch);
