using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Web.Display;

namespace PolicyNews.Web.Pages.Articles;

public sealed class SectionModel(ArticleStore articles) : PageModel
{
    public ArticleSectionView View { get; private set; } = null!;
    public SearchQuery? Highlight { get; private set; }
    public Citation Citation { get; private set; } = null!;

    public IActionResult OnGet(string slug, string section, string? hl)
    {
        var view = articles.GetSection(slug, section);
        if (view is null)
            return articles.FindMoved(slug, section) is { } moved ? RedirectPermanent(Links.Moved(moved) + Request.QueryString) : NotFound();
        View = view;
        Highlight = SectionBody.ParseHighlight(hl);
        Citation = Citation.For(view.Article, view.Section.Link, Links.AbsolutePermalink(Request, view.Section.StableId),
            DateOnly.FromDateTime(DateTime.UtcNow));
        return Page();
    }
}
