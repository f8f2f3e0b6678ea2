using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.SearchPage;

/// <summary>
/// /search: the header's search box lands here. Every parameter is optional and forgiving: an
/// unknown tag or article simply matches nothing, a bad page number means page 1, and the query
/// parser turns anything typed into a safe search (or a polite "nothing to search"). The archive's
/// source, type and date filters are read as the archive page reads them: a value that cannot be
/// meant (an unknown type, a date that is none) is a 400 with the reason on the page.
/// </summary>
[EnableRateLimiting(Limits.Search), RequestTimeout(Limits.Search)]
public sealed class SearchModel(SearchStore search, TagStore tags) : PageModel
{
    public string Query => Form.Query;
    public SearchForm Form { get; private set; } = SearchForm.Empty;
    public SearchResults? Results { get; private set; }
    public IReadOnlyList<TagSummary> Tags { get; private set; } = [];
    public string? Problem { get; private set; }

    public void OnGet(string? q, string? tag, string? article, string? sort, string? count)
    {
        var (articles, problem) = SearchForm.ReadArticles(Request.Query);
        // Not a handler parameter: Razor Pages binds "page" to its own route value (the page's name).
        Form = SearchForm.From(q, tag, article, sort, Request.Query["page"], count) with { Articles = articles };
        Tags = tags.ListTagsInUse(HttpContext.RequestAborted);
        Problem = problem;
        if (problem is not null)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        else if (!string.IsNullOrWhiteSpace(Form.Query))
            Results = search.Search(Form.ToRequest(), HttpContext.RequestAborted);
    }

    public string PageUrl(int page) => (Form with { Page = page }).Url();

    public string CountAllUrl() => (Form with { CountAll = true }).Url();
}
