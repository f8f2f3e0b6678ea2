using AngleSharp.Html.Parser;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>Published on plain http, on a port of its own: no https redirect, no HSTS. Production.</summary>
public sealed class HttpPublicOriginPortal() : PortalFixture(("Site:PublicUrl", HttpPublicOriginPortal.Origin))
{
    public const string Origin = "http://archive.example.org:8080";
}

/// <summary>A developer trying a public URL on their machine: Development, https origin, served on localhost.</summary>
public sealed class DevelopmentPublicOriginPortal() : PortalFixture(
    ("environment", "Development"),
    ("Site:PublicUrl", PublicOriginPortal.Origin))
{
}

public sealed class HttpPublicOriginTests(HttpPublicOriginPortal portal) : IClassFixture<HttpPublicOriginPortal>
{
    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task AnHttpOriginIsNeitherRedirectedNorGivenHsts(string scheme)
    {
        var answer = await Answer.Send(portal, $"/articles/{SeedArchive.Replicated}", "archive.example.org", scheme);

        Assert.Equal(200, answer.Status);
        Assert.Null(answer.Header("Strict-Transport-Security"));
        var canonical = new HtmlParser().ParseDocument(answer.Body).QuerySelector("link[rel=canonical]")!.GetAttribute("href");
        Assert.Equal($"{HttpPublicOriginPortal.Origin}/articles/{SeedArchive.Replicated}", canonical);
    }

    [Fact]
    public async Task OnlyThePublicHostIsServedInProduction()
    {
        Assert.Equal(400, (await Answer.Send(portal, "/", "localhost", "http")).Status);
        Assert.Equal(200, (await Answer.Send(portal, "/", "archive.example.org:8080", "http")).Status);
    }
}

public sealed class DevelopmentPublicOriginTests(DevelopmentPublicOriginPortal portal) : IClassFixture<DevelopmentPublicOriginPortal>
{
    [Theory]
    [InlineData("localhost:5242")]
    [InlineData("127.0.0.1:5242")]
    public async Task LocalhostIsServedOverHttpButPrintsThePublicOrigin(string host)
    {
        var answer = await Answer.Send(portal, $"/articles/{SeedArchive.Replicated}", host, "http");

        Assert.Equal(200, answer.Status);   // no redirect to https in Development
        Assert.Null(answer.Header("Strict-Transport-Security"));
        var canonical = new HtmlParser().ParseDocument(answer.Body).QuerySelector("link[rel=canonical]")!.GetAttribute("href");
        Assert.Equal($"{PublicOriginPortal.Origin}/articles/{SeedArchive.Replicated}", canonical);
    }

    [Fact]
    public async Task AnUnknownHostIsStillRefused()
    {
        var answer = await Answer.Send(portal, "/", "evil.example", "http");
        Assert.Equal(400, answer.Status);
        Assert.DoesNotContain("evil.example", answer.Body);
    }
}

/// <summary>Without Site:PublicUrl (the default, and the other web tests' portal): URLs follow the request, nothing is forced to https.</summary>
[Collection(PortalCollection.Name)]
public sealed class NoPublicOriginTests(PortalFixture portal)
{
    [Fact]
    public async Task WithoutAPublicUrlNothingIsRedirectedAndNoHstsIsSent()
    {
        var http = await Answer.Send(portal, "/", "localhost", "http");
        Assert.Equal(200, http.Status);
        var https = await Answer.Send(portal, "/", "portal.example", "https");
        Assert.Equal(200, https.Status);
        Assert.Null(https.Header("Strict-Transport-Security"));
        var canonical = new HtmlParser().ParseDocument(https.Body).QuerySelector("link[rel=canonical]")!.GetAttribute("href");
        Assert.Equal("https://portal.example/", canonical);   // the documented fallback: the request's own origin
    }

    [Fact]
    public async Task WithoutTrustedProxiesForwardedHeadersChangeNothing()
    {
        var answer = await Answer.Send(portal, "/?script=hans", "localhost", "http", "127.0.0.1",
            ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Host", "evil.example"));

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Context.Request.IsHttps);
        Assert.Equal("127.0.0.1", answer.Context.Connection.RemoteIpAddress?.ToString());
        Assert.DoesNotContain("secure", answer.Header("Set-Cookie")!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("evil.example", answer.Body);
    }
}
