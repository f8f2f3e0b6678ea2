using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The portal only reads: every route answers GET and HEAD; any other method gets 405 with
/// <c>Allow</c> (the error page, or problem JSON under /api), OPTIONS 204 with <c>Allow</c> —
/// never 400 or 500. One row per route type.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MethodsTests(PortalFixture portal)
{
    const string Essay = "lessons-of-deepseek-for-china-sci-tech-leadership";

    /// <summary>Every kind of route: (what it is, its URL, the status GET answers).</summary>
    public static TheoryData<string, string, int> Routes => new()
    {
        { "home", "/", 200 },
        { "archive", "/articles?type=commentary", 200 },
        { "archive, bad filter", "/articles?type=opinion", 400 },
        { "article", $"/articles/{Essay}", 200 },
        { "section", $"/articles/{Essay}/lead", 200 },
        { "permalink", "/s/no-such-section", 404 },
        { "tags", "/tags", 200 },
        { "tag", "/tags/us-china-tech-rivalry", 200 },
        { "search", "/search?q=" + Uri.EscapeDataString("創新"), 200 },
        { "about", "/about", 200 },
        { "help", "/help", 200 },
        { "feed", "/feed.atom", 200 },
        { "sitemap", "/sitemap.xml", 200 },
        { "robots", "/robots.txt", 200 },
        { "articles api", "/api/articles", 200 },
        { "article api", $"/api/articles/{Essay}", 200 },
        { "search api", "/api/search?q=" + Uri.EscapeDataString("創新"), 200 },
        { "section api", $"/api/articles/{Essay}/lead", 200 },
        { "tags api", "/api/tags", 200 },
        { "tag api", "/api/tags/us-china-tech-rivalry", 200 },
        { "article csv", $"/api/articles/{Essay}.csv", 200 },
        { "search csv", "/api/search.csv?q=" + Uri.EscapeDataString("創新"), 200 },
        { "openapi document", "/api/openapi.json", 200 },
        { "api page", "/api-docs", 200 },
        { "tag feed", "/tags/us-china-tech-rivalry/feed.atom", 200 },
        { "search feed", "/search/feed.atom?q=" + Uri.EscapeDataString("創新"), 200 },
        { "sitemap file", "/sitemaps/1.xml", 200 },
        { "static file", "/css/site.css", 200 },
        { "unknown path", "/no/such/page", 404 },
        { "unknown api path", "/api/no-such-thing", 404 },
    };

    static readonly string[] Refused = ["POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "FOO"];

    public static TheoryData<string, string, string> RoutesAndRefusedMethods()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Routes)
            foreach (var method in Refused)
                data.Add((string)row[0], (string)row[1], method);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndRefusedMethods))]
    public async Task OtherMethodsGet405WithAllowAndTheErrorPage(string route, string url, string method)
    {
        using var response = await portal.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("a=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") : null,
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {route} answered {(int)response.StatusCode}:\n{body}");
        var allow = response.Content.Headers.Allow;
        Assert.Contains("GET", allow);
        Assert.Contains("HEAD", allow);
        if (url.StartsWith("/api/"))
            AssertProblem(body, response, 405);
        else
        {
            var page = new HtmlParser().ParseDocument(body);
            Assert.Equal("這個網站只供閱讀", page.QuerySelector("h1.page-title")?.TextContent);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OptionsAnswers204WithAllow(string route, string url, int status)
    {
        _ = status;
        using var response = await portal.Client().SendAsync(new HttpRequestMessage(HttpMethod.Options, url));

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"OPTIONS {route} answered {(int)response.StatusCode}");
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow.Order());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ErrorPagesRequestedDirectlyAreNotFound(int code)
    {
        var page = await portal.Page($"/errors/{code}", expectedStatus: 404);
        Assert.Equal("找不到這一頁", page.QuerySelector("h1.page-title")?.TextContent);

        using var head = await portal.Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/errors/{code}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task TheNotFoundPageRendersForHead()
    {
        using var head = await portal.Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/no-such-article"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheRefusalPageIsInTheReadersScript()
    {
        var client = portal.Client();
        await portal.Page(client, "/?script=hans");   // remembered in a cookie
        using var response = await client.DeleteAsync("/tags");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("这个网站只供阅读", page.QuerySelector("h1.page-title")?.TextContent);
    }

    /// <summary>API errors: (request, status). Good requests are covered by the search and portal tests.</summary>
    public static TheoryData<string, string, int> ApiErrors => new()
    {
        { "GET", "/api/articles/no-such-article", 404 },
        { "GET", "/api/no-such-thing", 404 },
        { "DELETE", $"/api/articles/{Essay}", 405 },
        { "POST", "/api/search?q=a", 405 },
        { "GET", "/api/search?q=a&page=first", 400 },
        { "GET", "/api/search?q=a&page=0", 400 },
        { "GET", "/api/search?q=a&pageSize=lots", 400 },
        { "GET", "/api/search?q=a&sort=oldest", 400 },
        { "GET", "/api/search?q=a&count=some", 400 },
        { "GET", "/api/search?q=a&type=opinion", 400 },
        { "GET", "/api/search?q=a&from=2025-02-30", 400 },
        { "GET", "/api/articles?type=opinion", 400 },
        { "GET", "/api/articles?kind=people", 400 },
        { "GET", "/api/articles?from=March", 400 },
        { "GET", "/api/articles?to=2025-13", 400 },
        { "GET", "/api/articles?from=2025-05&to=2025-04-30", 400 },
        { "GET", "/api/articles?source=a&source=b", 400 },
        { "GET", "/api/articles?page=0", 400 },
        { "GET", "/api/articles?page=2x", 400 },
        { "GET", "/api/articles?pageSize=all", 400 },
        { "GET", "/api/articles?page=999", 404 },
    };

    [Theory]
    [MemberData(nameof(ApiErrors))]
    public async Task ApiErrorsAreProblemDetails(string method, string url, int status)
    {
        using var response = await portal.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        AssertProblem(await response.Content.ReadAsStringAsync(), response, status);
    }

    [Fact]
    public async Task AnOutOfRangePageSizeIsClampedNotRefused()
    {
        using var json = JsonDocument.Parse(await portal.Client().GetStringAsync("/api/search?q=" + Uri.EscapeDataString("創新") + "&pageSize=100000"));
        Assert.Equal(100, json.RootElement.GetProperty("pageSize").GetInt32());
    }

    /// <summary>RFC 9457: application/problem+json with type, title, status (the response's) and detail.</summary>
    static void AssertProblem(string body, HttpResponseMessage response, int status)
    {
        Assert.True((int)response.StatusCode == status, $"answered {(int)response.StatusCode}, expected {status}:\n{body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("detail").GetString()));
    }
}

/// <summary>HEAD on every route type, over real Kestrel: the in-memory test server passes a body through where a server sends none.</summary>
public sealed class HeadTests(RealServerPortal portal) : IClassFixture<RealServerPortal>
{
    [Theory]
    [MemberData(nameof(MethodsTests.Routes), MemberType = typeof(MethodsTests))]
    public async Task HeadAnswersWhatGetAnswersWithoutTheBody(string route, string url, int status)
    {
        var client = portal.Client();
        using var get = await client.GetAsync(url);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(status, (int)get.StatusCode);
        Assert.True(get.StatusCode == head.StatusCode, $"{route}: HEAD answered {(int)head.StatusCode}, GET {(int)get.StatusCode}");
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(HeaderNames(get), HeaderNames(head));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    // How the body travels (and when) may differ; what the response says about itself may not.
    static IEnumerable<string> HeaderNames(HttpResponseMessage response) => response.Headers.Concat(response.Content.Headers)
        .Select(h => h.Key).Except(["Date", "Transfer-Encoding", "Content-Length"], StringComparer.OrdinalIgnoreCase).Order();
}

/// <summary>The portal over real Kestrel on a loopback port.</summary>
public sealed class RealServerPortal : PortalFixture
{
    public RealServerPortal() => UseRealServer();
}
