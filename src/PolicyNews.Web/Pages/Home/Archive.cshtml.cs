namespace PolicyNews.Web.Pages.Home;

/// <summary>
/// /articles: the whole archive, newest first, filtered by the URL's source, type, tag, kind and
/// dates (<see cref="ListingQuery"/>), paged, with each facet's counts. A parameter it cannot read
/// is a 400 with the reason on the page; a page past the last is a 404.
/// </summary>
public sealed class ArchiveModel(ListingStore listing) : PageModel
{
    public ArticleFilter Filter { get; private set; } = ArticleFilter.None;
    public ArticlePage? Listing { get; private set; }
    public string? Problem { get; private set; }

    public IActionResult OnGet()
    {
        // Not a handler parameter: Razor Pages binds "page" to its own route value (the page's name).
        var (filter, problem) = ListingQuery.ReadFilter(Request.Query);
        var (page, pageProblem) = ListingQuery.ReadPage(Request.Query);
        Filter = filter;
        Problem = problem ?? pageProblem;
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Listing = listing.Browse(filter, page, withFacets: true, cancellationToken: HttpContext.RequestAborted);
        return Listing.Paging.IsPastEnd ? NotFound() : Page();
    }

    /// <summary>The listing with one facet set to <paramref name="value"/> (from page 1).</summary>
    public string Set(Facet facet, string value) => Links.Listing(Filter.With(facet, value));

    /// <summary>The listing without one facet.</summary>
    public string Clear(Facet facet) => Links.Listing(Filter.Without(facet));

    public bool IsSelected(Facet facet, string key) => Filter.With(facet, key) == Filter;
}
