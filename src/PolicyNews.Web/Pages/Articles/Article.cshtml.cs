using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PolicyNews.Archive.Search;
using PolicyNews.Archive.Store;
using PolicyNews.Web.Display;

namespace PolicyNews.Web.Pages.Articles;

public sealed class ArticleModel(ArticleStore articles) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public SearchQuery? Highlight { get; private set; }

    public IActionResult OnGet(string slug, string? hl)
    {
        var article = articles.GetArticle(slug);
        if (article is null)
            return articles.FindMoved(slug, null) is { } moved ? RedirectPermanent(Links.Moved(moved) + Request.QueryString) : NotFound();
        Article = article;
        Highlight = SectionBody.ParseHighlight(hl);
        return Page();
    }
}
