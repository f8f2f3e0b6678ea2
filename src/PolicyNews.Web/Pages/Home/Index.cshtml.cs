namespace PolicyNews.Web.Pages.Home;

public sealed class IndexModel(ArticleStore articles) : PageModel
{
    public IReadOnlyList<ArticleSummary> Articles { get; private set; } = [];

    public void OnGet() => Articles = articles.ListArticles(HttpContext.RequestAborted);
}
