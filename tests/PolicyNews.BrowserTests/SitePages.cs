using Microsoft.Playwright;

namespace PolicyNews.BrowserTests;

/// <summary>One URL of each page type, found by following links from the archive index.</summary>
public sealed record SitePages(string Article, string Section, string Tag)
{
    /// <summary>The seed article whose title contains 創新 (创新 in simplified script).</summary>
    public const string InnovationArticle = "/articles/deepseek-style-innovation-can-be-replicated";
    public const string SearchTerm = "創新";

    public IReadOnlyList<(string Name, string Path)> All =>
    [
        ("home", "/"),
        ("article", Article),
        ("section", Section),
        ("tags", "/tags"),
        ("tag", Tag),
        ("about", "/about"),
        ("help", "/help"),
        ("search", "/search?q=" + Uri.EscapeDataString(SearchTerm)),
        ("404", "/no-such-page"),
    ];

    public static async Task<SitePages> DiscoverAsync(IPage page)
    {
        await page.GotoAsync(InnovationArticle);
        var section = await page.Locator("a.section-page-link").First.GetAttributeAsync("href");
        var tag = await page.Locator(".tag-chip").First.GetAttributeAsync("href");
        return new SitePages(InnovationArticle, section!, tag!);
    }
}
