using System.Text.Json;

namespace PolicyNews.Tests.Web;

/// <summary>
/// Past Archive:SearchExactUpTo hits the page says "more than" and offers the exact count. The
/// limit is set to 3 so that 创新 (in 8 sections of the seeds) goes past it.
/// </summary>
public sealed class SearchPastTheLimitTests(ExactLimit3Portal portal) : IClassFixture<ExactLimit3Portal>
{
    [Fact]
    public async Task ThePageSaysMoreThanTheLimitAndLinksToTheExactCount()
    {
        var page = await portal.Page("/search?q=" + Uri.EscapeDataString("创新") + "&page=2");

        var summary = page.QuerySelector(".search-summary")!;
        Assert.Contains("找到超過 3 個章節符合「创新」，計算確切總數。", summary.TextContent);
        var countAll = summary.QuerySelector("a.count-all")!.GetAttribute("href")!;
        Assert.Contains("count=all", countAll);
        Assert.Contains("page=2", countAll);

        var counted = await portal.Page(countAll);
        Assert.Contains("找到 8 個章節", counted.QuerySelector(".search-summary")!.TextContent);
        Assert.Null(counted.QuerySelector("a.count-all"));
        // Paging keeps the exact count.
        Assert.Contains("count=all", counted.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task PagesPastTheLimitStillReachEveryHit()
    {
        var seen = new List<string>();
        var url = "/search?q=" + Uri.EscapeDataString("创新");
        for (var guard = 0; url is not null && guard < 10; guard++)
        {
            var page = await portal.Page(url);
            seen.AddRange(page.QuerySelectorAll("a.hit-link").Select(a => a.GetAttribute("href")!.Split('?')[0]));
            url = page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(8, seen.Count);
        Assert.Equal(8, seen.Distinct().Count());
    }

    [Fact]
    public async Task TheApiSaysTheTotalIsALowerBound()
    {
        using var json = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/search?q=" + Uri.EscapeDataString("创新") + "&pageSize=5"));
        var root = json.RootElement;

        Assert.Equal(3, root.GetProperty("totalHits").GetInt32());
        Assert.False(root.GetProperty("totalIsExact").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pageCount").ValueKind);
        Assert.True(root.GetProperty("hasNext").GetBoolean());

        using var counted = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/search?q=" + Uri.EscapeDataString("创新") + "&pageSize=5&count=all"));
        Assert.Equal(8, counted.RootElement.GetProperty("totalHits").GetInt32());
        Assert.Equal(2, counted.RootElement.GetProperty("pageCount").GetInt32());
    }
}
