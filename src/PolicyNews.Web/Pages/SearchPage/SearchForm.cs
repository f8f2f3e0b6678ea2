using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Pages.SearchPage;

/// <summary>
/// The search parameters as the URL carries them, shared by the page and /api/search.
/// <c>count=all</c> asks for the exact number of hits past the limit where a search stops counting.
/// <see cref="Articles"/> is the archive listing's source, type and date range (<see cref="ListingQuery"/>);
/// <see cref="Tag"/> is a section's own tag.
/// </summary>
public sealed record SearchForm(string Query, string? Tag, string? Article, SearchSort Sort, int Page, bool CountAll = false,
    ArticleFilter? Articles = null)
{
    public static readonly SearchForm Empty = new("", null, null, SearchSort.Relevance, 1);

    /// <summary>
    /// The article filter's part of the request (tag and kind are not search's: its tag is the
    /// section's), or why the filters cannot be read — the listing's (which read tag too) and article.
    /// </summary>
    public static (ArticleFilter Filter, string? Problem) ReadArticles(IQueryCollection query)
    {
        var (filter, problem) = ListingQuery.ReadFilter(query);
        problem ??= ControlCharacters.Problem("article", query["article"].FirstOrDefault());
        return (filter with { Tag = null, Kind = null }, problem);
    }

    public static SearchForm From(string? q, string? tag, string? article, string? sort, string? page, string? count = null) => new(
        q ?? "",
        string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(),
        string.IsNullOrWhiteSpace(article) ? null : article.Trim(),
        string.Equals(sort, "newest", StringComparison.OrdinalIgnoreCase) ? SearchSort.Newest : SearchSort.Relevance,
        int.TryParse(page, out var p) && p > 0 ? p : 1,
        string.Equals(count, "all", StringComparison.OrdinalIgnoreCase));

    /// <summary>The search to run, at <see cref="SearchRequest"/>'s default page size (the API sets its own with <c>with</c>).</summary>
    public SearchRequest ToRequest() => new(Query, Tag, Article, Sort, Page, CountAll: CountAll, Articles: Articles);

    /// <summary>The page's URL for this search; the API's with <see cref="Links.SearchApi"/> and the page size it used.</summary>
    public string Url(string path = Links.Search, int? pageSize = null)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query) };
        if (Tag is not null)
            parts.Add("tag=" + Uri.EscapeDataString(Tag));
        if (Article is not null)
            parts.Add("article=" + Uri.EscapeDataString(Article));
        if (Articles is not null)
            parts.AddRange(ListingQuery.Parameters(Articles));
        if (Sort == SearchSort.Newest)
            parts.Add("sort=newest");
        if (Page > 1)
            parts.Add("page=" + Page);
        if (CountAll)
            parts.Add("count=all");
        if (pageSize is not null)
            parts.Add("pageSize=" + pageSize);
        return $"{path}?{string.Join('&', parts)}";
    }
}
