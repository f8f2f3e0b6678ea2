namespace PolicyNews.Web.Pages.Articles;

/// <summary>
/// /s/{stable id}: the short link that citations and copy-link use. Stable ids survive re-imports;
/// slugs may not, so this redirects (temporarily — the target may move) to the current path.
/// </summary>
public sealed class PermalinkModel(ArticleStore articles) : PageModel
{
    public IActionResult OnGet(string id)
    {
        if (articles.GetSection(id, HttpContext.RequestAborted) is not { } view)
            return this.MovedOrNotFound(articles.FindMovedSection(id, HttpContext.RequestAborted), permanent: false);
        return Redirect(Links.Section(view.Article, view.Section.Link) + Request.QueryString);
    }
}
