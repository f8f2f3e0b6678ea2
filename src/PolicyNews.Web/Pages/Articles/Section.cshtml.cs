
namespace PolicyNews.Web.Pages.Articles;

public sealed class SectionModel(ArticleStore articles, SiteOrigin origin) : PageModel
{
    public ArticleSectionView View { get; private set; } = null!;
    public SearchQuery? Highlight { get; private set; }
    public Citation Citation { get; private set; } = null!;

    public IActionResult OnGet(string slug, string section, string? hl)
    {
        if (articles.GetSection(slug, section, HttpContext.RequestAborted) is not { } view)
            return this.MovedOrNotFound(articles.FindMoved(slug, section, HttpContext.RequestAborted));
        View = view;
        Highlight = SectionBody.ParseHighlight(hl);
        Citation = Citation.For(view.Article, view.Section.Link, Links.AbsolutePermalink(origin, view.Section.StableId),
            DateOnly.FromDateTime(DateTime.UtcNow));
        return Page();
    }
}
