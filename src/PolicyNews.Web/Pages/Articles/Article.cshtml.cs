
namespace PolicyNews.Web.Pages.Articles;

public sealed class ArticleModel(ArticleStore articles) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public SearchQuery? Highlight { get; private set; }

    public IActionResult OnGet(string slug, string? hl)
    {
        if (articles.GetArticle(slug, HttpContext.RequestAborted) is not { } article)
            return this.MovedOrNotFound(articles.FindMoved(slug, null, HttpContext.RequestAborted));
        Article = article;
        Highlight = SectionBody.ParseHighlight(hl);
        return Page();
    }
}
