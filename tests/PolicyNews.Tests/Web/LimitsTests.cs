using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The rate limits, on a portal whose budgets are tiny: 3 searches and 2 API requests per client
/// before the rate (1 a minute) applies. Each test is its own client (<see cref="ClientAddress"/>),
/// so the tests do not spend each other's budgets.
/// </summary>
public sealed class LimitsTests(TinyLimitsPortal portal) : IClassFixture<TinyLimitsPortal>
{
    static readonly string Search = "/search?q=" + Uri.EscapeDataString("創新");
    static readonly string ApiSearch = "/api/search?q=" + Uri.EscapeDataString("創新");

    [Fact]
    public async Task SearchesPastTheBurstGetTheTooManyRequestsPageWithRetryAfter()
    {
        var client = portal.Client("10.0.0.1");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Search)).StatusCode);

        using var refused = await client.GetAsync(Search);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // One token a minute: the next comes in at most 60 s.
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("請求太頻繁", page.QuerySelector("h1.page-title")?.TextContent);
        Assert.Contains($"請在 {(int)retryAfter.Value.TotalSeconds} 秒後再試", page.QuerySelector(".error-page")!.TextContent);
    }

    [Fact]
    public async Task ApiSearchesPastTheBurstGetAProblemWithRetryAfter()
    {
        var client = portal.Client("10.0.0.2");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiSearch)).StatusCode);

        using var refused = await client.GetAsync(ApiSearch);
        using var json = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TheSearchPageAndTheSearchApiShareOneBudget()
    {
        var client = portal.Client("10.0.0.3");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Search)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiSearch)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Search + "&page=2")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync(ApiSearch)).StatusCode);
    }

    [Fact]
    public async Task EachClientHasItsOwnBudget()
    {
        var greedy = portal.Client("10.0.0.4");
        for (var i = 0; i < 4; i++)
            await greedy.GetAsync(Search);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await greedy.GetAsync(Search)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await portal.Client("10.0.0.5").GetAsync(Search)).StatusCode);
    }

    [Fact]
    public async Task TheArticlesApiHasItsOwnBudget()
    {
        var client = portal.Client("10.0.0.6");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/articles/no-such-article")).StatusCode);

        using var refused = await client.GetAsync("/api/articles");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        // Searching is another budget.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Search)).StatusCode);
    }

    [Fact]
    public async Task PagesFeedsAndFilesAreNotRateLimited()
    {
        var client = portal.Client("10.0.0.7");
        foreach (var url in new[] { "/", "/tags", "/feed.atom", "/sitemap.xml", "/css/site.css", "/about" })
            for (var i = 0; i < 5; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task TheTooManyRequestsPageIsInTheReadersScript()
    {
        var client = portal.Client("10.0.0.8");
        await portal.Page(client, "/?script=hans");
        for (var i = 0; i < 3; i++)
            await client.GetAsync(Search);

        using var refused = await client.GetAsync(Search);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("请求太频繁", page.QuerySelector("h1.page-title")?.TextContent);
    }

    [Fact]
    public async Task LimitsCanBeTurnedOff()
    {
        using var unlimited = new UnlimitedPortal();
        var client = unlimited.Client();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiSearch + "&count=all")).StatusCode);
    }

    sealed class UnlimitedPortal() : PortalFixture(("Limits:Enabled", "false"), ("Limits:SearchBurst", "1"), ("Limits:CountAllAtOnce", "1"));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.7", "192.0.2.8", false)]
    public void AnIpv6ClientIsOneSlash64(string one, string other, bool same)
    {
        static string Key(string address) => Limits.ClientKey(new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } });
        Assert.Equal(same, Key(one) == Key(other));
    }

    [Fact]
    public void EveryLimitSettingIsDocumented()
    {
        var operations = File.ReadAllText(Path.Combine(Repository.Root, "docs", "operations.md"));
        foreach (var setting in typeof(LimitSettings).GetProperties())
            Assert.Contains($"`{LimitSettings.SectionName}:{setting.Name}`", operations);
    }
}

/// <summary>
/// The portal with tiny rate budgets, and each client's address taken from an
/// <c>X-Test-Client</c> header (the in-memory test server has no remote address).
/// </summary>
public sealed class TinyLimitsPortal() : PortalFixture(ClientAddress.FromHeader,
    ("Limits:SearchBurst", "3"), ("Limits:SearchPerMinute", "1"),
    ("Limits:ApiBurst", "2"), ("Limits:ApiPerMinute", "1"))
{
    public HttpClient Client(string address)
    {
        var client = Client();
        client.DefaultRequestHeaders.Add(ClientAddress.Header, address);
        return client;
    }
}

/// <summary>A test seam: the connection's remote address from a request header, set before anything else runs.</summary>
public static class ClientAddress
{
    public const string Header = "X-Test-Client";

    public static void FromHeader(IServiceCollection services) => services.AddTransient<IStartupFilter, Filter>();

    sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header], out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
