using Microsoft.Extensions.Options;
using PolicyNews.Web.Display;
using PolicyNews.Web.Hosting;
using PolicyNews.Tests.Hosting;

namespace PolicyNews.Tests.Web;

/// <summary>What Site:PublicUrl, Site:TrustedProxies and Site:TrustedNetworks accept, and what stops the start.</summary>
public sealed class SiteOriginTests
{
    [Theory]
    [InlineData("https://archive.example.org", "https://archive.example.org")]
    [InlineData(" https://archive.example.org/ ", "https://archive.example.org")]
    [InlineData("HTTPS://Archive.Example.ORG:443", "https://archive.example.org")]
    [InlineData("http://archive.example.org:8080", "http://archive.example.org:8080")]
    [InlineData("https://檔案.example", "https://xn--dyvz4c.example")]   // IDN as punycode, as a Host header carries it
    [InlineData("http://[::1]:5242", "http://[::1]:5242")]
    [InlineData("http://127.0.0.1:5242/", "http://127.0.0.1:5242")]
    public void APublicUrlBecomesAnOriginWithoutTrailingSlash(string configured, string origin)
    {
        var parsed = SiteOrigin.Parse(configured, out var problem);
        Assert.Null(problem);
        Assert.Equal(origin, parsed!.Value);
        Assert.Equal(origin + "/s/abc", Links.AbsolutePermalink(parsed, "abc"));
    }

    [Theory]
    [InlineData("archive.example.org")]
    [InlineData("/archive")]
    [InlineData("ftp://archive.example.org")]
    [InlineData("https://archive.example.org/archive")]
    [InlineData("https://archive.example.org/?x=1")]
    [InlineData("https://archive.example.org/#top")]
    [InlineData("https://user:secret@archive.example.org")]
    public void AnythingButAnHttpOriginIsRefused(string configured)
    {
        Assert.Null(SiteOrigin.Parse(configured, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("https://archive.example.org/archive", "", "", "Site:PublicUrl")]
    [InlineData("", "10.0.0.300", "", "Site:TrustedProxies")]
    [InlineData("", "10.0.0.5; proxy.internal", "", "Site:TrustedProxies")]
    [InlineData("", "", "10.0.0.0/33", "Site:TrustedNetworks")]
    [InlineData("", "", "10.0.0.5", "Site:TrustedNetworks")]
    public void ABadSiteSettingStopsTheStartNamingTheKey(string publicUrl, string proxies, string networks, string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new PublicOrigin(Options.Create(
            new SiteSettings { PublicUrl = publicUrl, TrustedProxies = proxies, TrustedNetworks = networks })));
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void ProxiesAndNetworksAreListsSeparatedBySemicolonsOrCommas()
    {
        var site = new PublicOrigin(Options.Create(new SiteSettings
        {
            PublicUrl = "https://archive.example.org", TrustedProxies = "10.0.0.5; 10.0.0.6,::1", TrustedNetworks = "192.168.10.0/24;fd00::/8",
        }));
        Assert.Equal(["10.0.0.5", "10.0.0.6", "::1"], site.TrustedProxies.Select(p => p.ToString()));
        Assert.Equal(["192.168.10.0/24", "fd00::/8"], site.TrustedNetworks.Select(n => n.ToString()));
        Assert.True(site.IsHttps);
    }

    [Theory]
    [InlineData("https://archive.example.org", "*", false, "archive.example.org")]
    [InlineData("https://archive.example.org", "www.example.org;*", false, "archive.example.org www.example.org")]
    [InlineData("https://archive.example.org", "*", true, "archive.example.org localhost 127.0.0.1 [::1]")]
    [InlineData("http://[::1]:8080", null, false, "[::1]")]
    public void WithAPublicUrlOnlyItsHostAndListedOnesAreAllowed(string publicUrl, string? allowedHosts, bool development, string expected)
    {
        var site = new PublicOrigin(Options.Create(new SiteSettings { PublicUrl = publicUrl }));
        Assert.Equal(expected.Split(' '), site.AllowedHosts(allowedHosts, development));
    }
}

/// <summary>The built portal started as its own process, as the container starts it, with a bad Site setting.</summary>
public sealed class BadSiteSettingTests
{
    [Fact]
    public async Task ABadSiteSettingIsLoggedAsOneLineAndTheStartStopsWithExitCode2()
    {
        using var dir = new TempFolder();
        using var portal = ProgramProcess.Portal(dir["portal.db"],
            "--Site:PublicUrl=https://archive.example.org/portal", "--Site:TrustedProxies=10.0.0.5;proxy.internal");

        Assert.Equal(2, await portal.ExitedWithoutServing());
        // One line on stdout and stderr together: no unhandled exception, no stack trace.
        var line = Assert.Single(portal.Lines);
        Assert.Contains("FTL", line);
        Assert.Contains("Site:PublicUrl 'https://archive.example.org/portal'", line);
        Assert.Contains("Site:TrustedProxies: 'proxy.internal'", line);
        Assert.False(File.Exists(dir["portal.db"]));   // stopped before opening (or importing into) the database
    }
}
