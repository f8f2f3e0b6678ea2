namespace PolicyNews.Web.Pages.Home;

/// <summary>Home: the latest articles, the first page of the archive listing; the next page is /articles?page=2.</summary>
public sealed class IndexModel(ListingStore listing) : PageModel
{
    public ArticlePage Latest { get; private set; } = null!;

    public void OnGet() => Latest = listing.Browse(ArticleFilter.None, cancellationToken: HttpContext.RequestAborted);
}
