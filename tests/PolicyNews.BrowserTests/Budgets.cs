using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PolicyNews.BrowserTests;

/// <summary>Page budgets: weight of an article page, requests that leave the machine, console errors.</summary>
[Collection(PortalCollection.Name)]
public sealed class Budgets(PortalFixture portal, ITestOutputHelper output)
{
    private const long ArticleBudgetBytes = 100 * 1024;

    [BrowserFact]
    public async Task ArticlePageTransfersUnder100KBExcludingFonts()
    {
        await using var s = await portal.NewSessionAsync();
        await s.Page.GotoAsync(SitePages.InnovationArticle, new() { WaitUntil = WaitUntilState.NetworkIdle });
        var loaded = await s.FinishedAsync();
        foreach (var r in loaded) output.WriteLine($"{r.ResponseBytes,8:N0} B  {r.ResourceType,-10} {r.Url}");
        var total = loaded.Where(r => r.ResourceType != "font").Sum(r => r.ResponseBytes);
        output.WriteLine($"total (fonts excluded): {total:N0} bytes of {ArticleBudgetBytes:N0}");
        Assert.Contains(loaded, r => r.ResourceType == "document");
        Assert.Contains(loaded, r => r.ResourceType == "stylesheet");
        Assert.True(total < ArticleBudgetBytes, $"article page transfers {total:N0} bytes (fonts excluded), budget {ArticleBudgetBytes:N0}");
    }

    [BrowserFact]
    public async Task NoRequestLeavesTheMachineAndNoConsoleErrorsOnAnyPageType()
    {
        await using var s = await portal.NewSessionAsync();
        var page = s.Page;
        var site = await SitePages.DiscoverAsync(page);
        foreach (var (_, path) in site.All)
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        }
        // With pinyin and simplified script too, and the copy-link script exercised.
        await page.GotoAsync(site.Article + "?script=hans&pinyin=on", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GotoAsync(site.Section + "?hl=" + Uri.EscapeDataString(SitePages.SearchTerm), new() { WaitUntil = WaitUntilState.NetworkIdle });

        var hosts = s.RequestedUrls
            .Select(u => new Uri(u))
            .Where(u => u.Scheme is "http" or "https" or "ws" or "wss")
            .GroupBy(u => u.Host)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var (host, count) in hosts) output.WriteLine($"{count,4} request(s) to {host}");
        Assert.Equal(["127.0.0.1"], hosts.Keys.ToArray());

        foreach (var e in s.Errors) output.WriteLine(e);
        Assert.Empty(s.Errors);
    }
}
