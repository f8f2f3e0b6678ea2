using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>The headers every response carries, whatever it is: page, feed, file, API, error.</summary>
[Collection(PortalCollection.Name)]
public sealed class SecurityHeadersTests(PortalFixture portal)
{
    public static TheoryData<string> Responses => new()
    {
        "/", $"/articles/{SeedArchive.Replicated}", "/tags", "/search?q=" + Uri.EscapeDataString("創新"), "/about",
        "/feed.atom", "/sitemap.xml", "/robots.txt", "/api/articles", "/css/site.css", "/js/site.js", "/favicon.svg",
        "/no/such/page", "/articles/no-such-article",
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EverySecurityHeaderIsPresent(string url)
    {
        using var response = await portal.Client().GetAsync(url);
        string Header(string name) => Assert.Single(response.Headers.TryGetValues(name, out var v) ? v
            : response.Content.Headers.TryGetValues(name, out var c) ? c : []);

        var csp = Directives(Header("Content-Security-Policy"));
        Assert.Equal("'none'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'self'", csp["style-src"]);
        Assert.Equal("'self'", csp["img-src"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'none'", csp["base-uri"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.DoesNotContain(csp.Values, v => v.Contains("unsafe") || v.Contains("data:") || v.Contains('*') || v.Contains("http"));

        var permissions = Header("Permissions-Policy").Split(", ");
        foreach (var feature in new[] { "camera", "microphone", "geolocation", "payment", "usb" })
            Assert.Contains($"{feature}=()", permissions);
        Assert.DoesNotContain(permissions, p => p.StartsWith("clipboard-write"));   // copy-link needs it

        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
        Assert.Equal("same-origin", Header("Cross-Origin-Resource-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}

/// <summary>
/// The portal on real Kestrel, on a loopback port, as it runs behind a TLS proxy on the same machine
/// (Site:TrustedProxies=127.0.0.1): what only a real server shows — its Server header — and the
/// proxy's headers arriving over a real connection from 127.0.0.1.
/// </summary>
public sealed class KestrelPortal : IDisposable
{
    readonly TempFolder dir = new();
    readonly WebApplicationFactory<Program> factory;

    public KestrelPortal()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("Archive:Database", dir["portal.db"])
            .UseSetting("Archive:Seeds", Repository.Seeds)
            .UseSetting("Site:PublicUrl", PublicOriginPortal.Origin)
            .UseSetting("Site:TrustedProxies", "127.0.0.1")
            .UseUrls("http://127.0.0.1:0"));   // a free loopback port
        factory.UseKestrel();
        factory.StartServer();
    }

    /// <summary>A client of the real server (http://127.0.0.1:port), redirects not followed, no cookies kept.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()),
    };

    public void Dispose()
    {
        factory.Dispose();
        dir.Dispose();
    }
}

public sealed class BehindALocalProxyTests(KestrelPortal portal) : IClassFixture<KestrelPortal>
{
    static HttpRequestMessage Request(string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = PublicOriginPortal.Host;
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return request;
    }

    [Fact]
    public async Task TheServerDoesNotNameItself()
    {
        var client = portal.Client();
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString());
        using var response = await client.SendAsync(Request("/", ("X-Forwarded-Proto", "https")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.Server)}");
    }

    [Fact]
    public async Task TheLocalProxysHttpsMakesCookiesSecureAndSendsHsts()
    {
        using var response = await portal.Client().SendAsync(Request("/?pinyin=on", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.7")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("pinyin=on", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task WithoutTheProxysHttpsThePortalRedirects()
    {
        using var response = await portal.Client().SendAsync(Request("/?pinyin=on"));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"{PublicOriginPortal.Origin}/?pinyin=on", response.Headers.Location!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
