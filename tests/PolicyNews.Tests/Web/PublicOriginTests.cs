using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The portal published at https://archive.example.org behind a proxy at 10.0.0.5 (or anywhere in
/// 192.168.10.0/24), also answering to alias.example (listed in AllowedHosts). Production.
/// </summary>
public sealed class PublicOriginPortal() : PortalFixture(
    ("Site:PublicUrl", PublicOriginPortal.Origin),
    ("Site:TrustedProxies", PublicOriginPortal.Proxy),
    ("Site:TrustedNetworks", "192.168.10.0/24"),
    ("AllowedHosts", PublicOriginPortal.Alias))
{
    public const string Origin = "https://archive.example.org";
    public const string Host = "archive.example.org";
    public const string Alias = "alias.example";
    public const string Proxy = "10.0.0.5";
    public const string ProxyInNetwork = "192.168.10.77";
    public const string Stranger = "203.0.113.9";
}

/// <summary>One request as it reaches the portal (scheme, Host, remote address, headers) and what came back.</summary>
public sealed record Answer(HttpContext Context, string Body)
{
    public int Status => Context.Response.StatusCode;
    public string? Header(string name) => Context.Response.Headers.TryGetValue(name, out var v) ? v.ToString() : null;

    /// <summary>
    /// Sends <paramref name="url"/> (path and query) through the whole pipeline. TestServer leaves the
    /// remote address empty (an unknown, so untrusted, client); <paramref name="from"/> sets it the
    /// way a proxy's connection would arrive.
    /// </summary>
    public static async Task<Answer> Send(PortalFixture portal, string url, string host, string scheme = "https",
        string? from = null, params (string Name, string Value)[] headers)
    {
        var q = url.IndexOf('?');
        var context = await portal.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = scheme;
            c.Request.Host = new HostString(host);
            c.Request.Path = PathString.FromUriComponent(q < 0 ? url : url[..q]);
            c.Request.QueryString = new QueryString(q < 0 ? "" : url[q..]);
            foreach (var (name, value) in headers)
                c.Request.Headers.Append(name, value);
            if (from is not null)
                c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });
        using var reader = new StreamReader(context.Response.Body);
        return new Answer(context, await reader.ReadToEndAsync());
    }
}

/// <summary>
/// Every absolute URL comes from Site:PublicUrl; a Host or X-Forwarded-Host a client invents leaves
/// no trace; only the configured proxies are believed about the client's address and scheme.
/// </summary>
public sealed class PublicOriginTests(PublicOriginPortal portal) : IClassFixture<PublicOriginPortal>
{
    const string Report = SeedArchive.Replicated;
    const string Evil = "evil.example";

    /// <summary>Every page type, the feed, the sitemap, robots.txt, the API, a permalink and a missing page.</summary>
    public static TheoryData<string> PageTypes => new()
    {
        "/", $"/articles/{Report}", "{section}", "/tags", "{tag}", "/search?q=" + Uri.EscapeDataString("創新"),
        "/about", "/help", "/feed.atom", "/sitemap.xml", "/robots.txt", "/api/articles", "{permalink}", "/no/such/page",
    };

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task SpoofedHostIsRefusedWithNoTraceOfIt(string page)
    {
        var url = await Resolve(page);
        foreach (var scheme in new[] { "http", "https" })
        {
            var answer = await Answer.Send(portal, url, Evil, scheme, headers: ("X-Forwarded-Host", Evil));
            Assert.Equal(400, answer.Status);
            AssertNoTrace(answer, Evil);
        }
    }

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task ForwardedHostLeavesNoTraceFromAStrangerOrATrustedProxy(string page)
    {
        var url = await Resolve(page);
        // A client speaking https to the portal directly, and the trusted proxy passing on https.
        var direct = await Answer.Send(portal, url, PublicOriginPortal.Host, "https", PublicOriginPortal.Stranger, ("X-Forwarded-Host", Evil));
        var proxied = await Answer.Send(portal, url, PublicOriginPortal.Host, "http", PublicOriginPortal.Proxy,
            ("X-Forwarded-Host", Evil), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.7"));
        foreach (var answer in new[] { direct, proxied })
        {
            Assert.True(answer.Status is 200 or 302 or 404, $"{url} answered {answer.Status}");
            AssertNoTrace(answer, Evil);
        }
        // The proxy passing on plain http: the redirect to https names the public host, not the forwarded one.
        var plain = await Answer.Send(portal, url, PublicOriginPortal.Host, "http", PublicOriginPortal.Proxy, ("X-Forwarded-Host", Evil));
        Assert.Equal(308, plain.Status);
        Assert.Equal(PublicOriginPortal.Origin + url, plain.Header("Location"));
        AssertNoTrace(plain, Evil);
    }

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task AnotherAllowedHostIsServedButNeverPrinted(string page)
    {
        var url = await Resolve(page);
        var answer = await Answer.Send(portal, url, PublicOriginPortal.Alias, "https");
        Assert.True(answer.Status is 200 or 302 or 404, $"{url} answered {answer.Status}");
        AssertNoTrace(answer, PublicOriginPortal.Alias);
    }

    [Fact]
    public async Task EveryPrintedAbsoluteUrlStartsWithThePublicOrigin()
    {
        // Asked for under the alias: anything built from the request's Host would say alias.example.
        async Task<string> Get(string url) => (await Answer.Send(portal, url, PublicOriginPortal.Alias, "https")).Body;
        const string origin = PublicOriginPortal.Origin + "/";
        var parser = new HtmlParser();

        var article = parser.ParseDocument(await Get($"/articles/{Report}"));
        Assert.Equal($"{origin}articles/{Report}", article.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"{origin}articles/{Report}", article.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        var copies = article.QuerySelectorAll("a.permalink[data-copy]").Select(a => a.GetAttribute("data-copy")!).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, c => Assert.Matches($"^{Regex.Escape(origin)}s/[a-z0-9]+$", c));

        var section = parser.ParseDocument(await Get(await Resolve("{section}")));
        var permalink = section.QuerySelector("a.permalink[data-copy]")!.GetAttribute("data-copy")!;
        Assert.StartsWith(origin + "s/", permalink);
        Assert.EndsWith(permalink, section.GetElementById("cite-gbt")!.TextContent);
        Assert.EndsWith(permalink, section.GetElementById("cite-apa")!.TextContent);

        foreach (var url in new[] { "/", "/tags", await Resolve("{tag}"), "/about" })
            Assert.StartsWith(origin, parser.ParseDocument(await Get(url)).QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await Get("/feed.atom"));
        var feedUrls = feed.Descendants(atom + "id").Select(e => e.Value)
            .Concat(feed.Descendants(atom + "link").Select(e => e.Attribute("href")!.Value)).ToList();
        Assert.True(feedUrls.Count >= 6);
        Assert.All(feedUrls, u => Assert.StartsWith(origin, u));

        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = XDocument.Parse(await Get("/sitemap.xml")).Descendants(sm + "loc").Select(l => l.Value)
            .Concat(XDocument.Parse(await Get("/sitemaps/1.xml")).Descendants(sm + "loc").Select(l => l.Value)).ToList();
        Assert.True(locations.Count > 10);
        Assert.All(locations, u => Assert.StartsWith(origin, u));

        Assert.Contains($"Sitemap: {origin}sitemap.xml\n", await Get("/robots.txt"));
    }

    [Theory]
    [InlineData(PublicOriginPortal.Stranger)]
    [InlineData("127.0.0.1")]   // the framework would trust loopback by default; only configured proxies count
    [InlineData("::1")]
    [InlineData("10.0.0.6")]
    [InlineData("192.168.11.1")]
    public async Task ForwardedProtoFromAnUntrustedAddressIsIgnored(string from)
    {
        var answer = await Answer.Send(portal, "/?script=hans", PublicOriginPortal.Host, "http", from,
            ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.7"));

        Assert.Equal(308, answer.Status);   // still plain http, so sent to https
        Assert.Equal($"{PublicOriginPortal.Origin}/?script=hans", answer.Header("Location"));
        Assert.Null(answer.Header("Set-Cookie"));
        Assert.Equal(from, answer.Context.Connection.RemoteIpAddress?.ToString());   // not the X-Forwarded-For
    }

    [Theory]
    [InlineData(PublicOriginPortal.Proxy)]
    [InlineData(PublicOriginPortal.ProxyInNetwork)]
    public async Task ForwardedProtoAndClientFromATrustedProxyAreHonoured(string proxy)
    {
        var answer = await Answer.Send(portal, "/?script=hans", PublicOriginPortal.Host, "http", proxy,
            ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.7"));

        Assert.Equal(200, answer.Status);
        Assert.True(answer.Context.Request.IsHttps);
        Assert.Equal("198.51.100.7", answer.Context.Connection.RemoteIpAddress?.ToString());
        var cookie = answer.Header("Set-Cookie");
        Assert.NotNull(cookie);
        Assert.Contains("script=hans", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000; includeSubDomains", answer.Header("Strict-Transport-Security"));
    }

    [Fact]
    public async Task AClientsOwnForwardedForEntriesAreNotBelieved()
    {
        // The proxy appends the address it saw to whatever the client sent.
        var answer = await Answer.Send(portal, "/", PublicOriginPortal.Host, "http", PublicOriginPortal.Proxy,
            ("X-Forwarded-Proto", "https, https"), ("X-Forwarded-For", "6.6.6.6, 198.51.100.7"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("198.51.100.7", answer.Context.Connection.RemoteIpAddress?.ToString());
    }

    [Theory]
    [InlineData("/?script=hans")]
    [InlineData($"/articles/{Report}")]
    [InlineData("/feed.atom")]
    public async Task PlainHttpIsRedirectedToTheHttpsPublicOrigin(string url)
    {
        var answer = await Answer.Send(portal, url, PublicOriginPortal.Host, "http");
        Assert.Equal(308, answer.Status);
        Assert.Equal(PublicOriginPortal.Origin + url, answer.Header("Location"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no/such/page")]
    [InlineData("/css/site.css")]
    public async Task HttpsResponsesCarryHstsForAYear(string url)
    {
        var answer = await Answer.Send(portal, url, PublicOriginPortal.Host, "https");
        Assert.Equal("max-age=31536000; includeSubDomains", answer.Header("Strict-Transport-Security"));
    }

    static void AssertNoTrace(Answer answer, string host)
    {
        Assert.DoesNotContain(host, answer.Body, StringComparison.OrdinalIgnoreCase);
        foreach (var (name, value) in answer.Context.Response.Headers)
            Assert.DoesNotContain(host, value.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A page type's address: placeholders are found in the seed archive (a section, a tag, a permalink).</summary>
    async Task<string> Resolve(string page)
    {
        if (!page.StartsWith('{'))
            return page;
        var article = new HtmlParser().ParseDocument((await Answer.Send(portal, $"/articles/{Report}", PublicOriginPortal.Host)).Body);
        return page switch
        {
            "{section}" => article.QuerySelectorAll("a.section-page-link").Last().GetAttribute("href")!,
            "{tag}" => article.QuerySelector("a.tag-chip")!.GetAttribute("href")!,
            "{permalink}" => article.QuerySelectorAll("a.permalink").Last().GetAttribute("href")!,
            _ => throw new ArgumentException(page),
        };
    }
}
