using Microsoft.AspNetCore.Mvc.RazorPages;
using PolicyNews.Archive.Store;
using PolicyNews.Web.Reading;

namespace PolicyNews.Web.Pages.Search;

/// <summary>
/// /search: the header's search box lands here. Every parameter is optional and forgiving: an
/// unknown tag or article simply matches nothing, a bad page number means page 1, and the query
/// parser turns anything typed into a safe search (or a polite "nothing to search").
/// </summary>
public sealed class SearchModel(SearchStore search, TagStore tags, ArticleStore articles) : PageModel
{
    public string Query { get; private set; } = "";
    public SearchForm Form { get; private set; } = SearchForm.Empty;
    public SearchResults? Results { get; private set; }
    public IReadOnlyList<TagSummary> Tags { get; private set; } = [];
    public IReadOnlyList<ArticleRef> Articles { get; private set; } = [];

    public void OnGet(string? q, string? tag, string? article, string? sort, string? count)
    {
        // Not a handler parameter: Razor Pages binds "page" to its own route value (the page's name).
        Form = SearchForm.From(q, tag, article, sort, Request.Query["page"], count);
        Query = Form.Query;
        Tags = tags.ListTags().Where(t => t.SectionCount > 0).ToList();
        Articles = articles.ListArticleRefs();
        if (!string.IsNullOrWhiteSpace(Form.Query))
            Results = search.Search(Form.ToRequest());
    }

    /// <summary>The section page link of a hit: opens at the matching paragraph with the matched words marked.</summary>
    public static string HitUrl(ArticleRef article, SearchHit hit)
    {
        var marked = hit.Snippet.Segments.Concat(hit.Heading).Where(s => s.IsMatch).Select(s => s.Text.Trim())
            .Where(t => t.Length > 0).Distinct().Take(8);
        var hl = string.Join(' ', marked);
        var url = Links.Section(article, hit.Section);
        if (hl.Length > 0)
            url += "?hl=" + Uri.EscapeDataString(hl);
        return hit.ParagraphId is null ? url : $"{url}#{hit.ParagraphId}";
    }

    public string PageUrl(int page) => (Form with { Page = page }).Url();

    public string CountAllUrl() => (Form with { CountAll = true }).Url();
}
