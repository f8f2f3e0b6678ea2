namespace PolicyNews.Web.Pages.Tags;

public sealed class TagModel(TagStore tags) : PageModel
{
    public TagView Tag { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        // Not a handler parameter: Razor Pages binds "page" to its own route value (the page's name).
        var (page, problem) = ListingQuery.ReadPage(Request.Query);
        if (problem is not null)
            return BadRequest();
        var tag = tags.GetTag(slug, page, cancellationToken: HttpContext.RequestAborted);
        if (tag is null || tag.Paging.IsPastEnd)
            return NotFound();
        Tag = tag;
        return Page();
    }
}
