namespace PolicyNews.Web.Pages.Tags;

public sealed class TagModel(TagStore tags) : PageModel
{
    public TagView Tag { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        var tag = tags.GetTag(slug, HttpContext.RequestAborted);
        if (tag is null)
            return NotFound();
        Tag = tag;
        return Page();
    }
}
