namespace PolicyNews.Web.Pages.Articles;

/// <summary>What the article pages answer for a path or id they do not know.</summary>
public static class RetiredPaths
{
    /// <summary>
    /// A redirect to where a re-import moved the page, keeping the query (?hl=, ?script=…), or 404
    /// when <paramref name="moved"/> is null. Permanent for retired page paths; a permalink's
    /// redirect is temporary, as its target may move again.
    /// </summary>
    public static IActionResult MovedOrNotFound(this PageModel page, MovedPath? moved, bool permanent = true) =>
        moved is null ? new NotFoundResult() : new RedirectResult(Links.Moved(moved) + page.Request.QueryString, permanent);
}
