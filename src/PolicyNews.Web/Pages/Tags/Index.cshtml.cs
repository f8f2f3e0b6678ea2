namespace PolicyNews.Web.Pages.Tags;

public sealed class IndexModel(TagStore tags) : PageModel
{
    /// <summary>Tags grouped by kind, in the store's order (topics, people, organisations, places).</summary>
    public IReadOnlyList<IGrouping<string, TagSummary>> Groups { get; private set; } = [];

    public void OnGet() => Groups = tags.ListTags(HttpContext.RequestAborted).GroupBy(t => t.Kind).ToList();
}
