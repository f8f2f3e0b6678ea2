using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PolicyNews.Archive.Store;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// A page whose reads outlast <c>Limits:PageTimeout</c> stops and says so (503), like a slow search:
/// every store read takes the request's token. The seam hands the real <see cref="ArticleStore"/> to a
/// request only once that request's time limit has passed, so nothing depends on the machine's speed.
/// </summary>
public sealed class SlowPageTests(SlowPagePortal portal) : IClassFixture<SlowPagePortal>
{
    static HttpRequestMessage Slow(string url) => new(HttpMethod.Get, url) { Headers = { { SlowPagePortal.Header, "outlast" } } };

    [Fact]
    public async Task AnArticlePagePastItsTimeLimitStopsWithAPageThatSaysSo()
    {
        using var response = await portal.Client().SendAsync(Slow($"/articles/{SeedArchive.Lessons}"));
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("這個請求花了太久", page.QuerySelector("h1.page-title")?.TextContent);
    }

    [Fact]
    public async Task AnApiReadPastItsTimeLimitIsAProblem()
    {
        using var response = await portal.Client().SendAsync(Slow($"/api/articles/{SeedArchive.Lessons}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task APageInTimeIsAnswered()
    {
        using var response = await portal.Client().GetAsync($"/articles/{SeedArchive.Lessons}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>The portal with a one-second page limit, no output cache, and the slow-store seam.</summary>
public sealed class SlowPagePortal : PortalFixture
{
    public const string Header = "X-Test-Page";

    public SlowPagePortal() : base(Register, ("Limits:PageTimeout", "00:00:01"), ("Caching:OutputCache", "false")) { }

    static void Register(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<RealArticleStore>(sp => new(new ArticleStore(sp.GetRequiredService<ArchiveDatabase>())));
        services.AddTransient(sp =>
        {
            var context = sp.GetRequiredService<IHttpContextAccessor>().HttpContext;
            if (context?.Request.Headers[Header].ToString() == "outlast")
                context.RequestAborted.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            return sp.GetRequiredService<RealArticleStore>().Store;
        });
    }

    sealed record RealArticleStore(ArticleStore Store);
}
