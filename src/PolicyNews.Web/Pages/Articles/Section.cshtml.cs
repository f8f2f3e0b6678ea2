using PolicyNews.Web.Citations;
using PolicyNews.Web.ShareCards;

namespace PolicyNews.Web.Pages.Articles;

public sealed class SectionModel(ArticleStore articles, SiteOrigin origin, DisplayPreferences display, CardFonts cards) : PageModel
{
    public ArticleSectionView View { get; private set; } = null!;
    public SearchQuery? Highlight { get; private set; }
    public PageCitation Citation { get; private set; } = null!;

    public IActionResult OnGet(string slug, string section, string? hl)
    {
        if (articles.GetSection(slug, section, HttpContext.RequestAborted) is not { } view)
            return this.MovedOrNotFound(articles.FindMoved(slug, section, HttpContext.RequestAborted));
        View = view;
        Highlight = SectionBody.ParseHighlight(hl);
        Citation = PageCitation.Of(view.Article, view.Section.Link, view.Section.Tags, origin, display, cards.Url(origin, slug, display.Script));
        return Page();
    }
}
