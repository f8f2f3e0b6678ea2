using PolicyNews.Web.Citations;
using PolicyNews.Web.ShareCards;

namespace PolicyNews.Web.Pages.Articles;

public sealed class ArticleModel(ArticleStore articles, SiteOrigin origin, DisplayPreferences display, CardFonts cards) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public SearchQuery? Highlight { get; private set; }
    public PageCitation Citation { get; private set; } = null!;

    public IActionResult OnGet(string slug, string? hl)
    {
        if (articles.GetArticle(slug, HttpContext.RequestAborted) is not { } article)
            return this.MovedOrNotFound(articles.FindMoved(slug, null, HttpContext.RequestAborted));
        Article = article;
        Highlight = SectionBody.ParseHighlight(hl);
        Citation = PageCitation.Of(article.Ref, null, article.Tags, origin, display, cards.Url(origin, slug, display.Script));
        return Page();
    }
}
