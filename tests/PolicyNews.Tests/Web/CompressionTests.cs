using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace PolicyNews.Tests.Web;

/// <summary>
/// Brotli and gzip for what the portal renders; static assets fingerprinted, compressed at build
/// time and cached as immutable (MapStaticAssets).
/// </summary>
public sealed partial class CompressionTests(CachingPortal portal) : IClassFixture<CachingPortal>
{
    public static TheoryData<string, string> Rendered()
    {
        var data = new TheoryData<string, string>();
        foreach (var url in new[] { "/", CachingPortal.Article, "/search?q=chuangxin", "/feed.atom", "/sitemaps/1.xml", "/api/articles", "/api/articles.csv", "/articles/no-such-article" })
            foreach (var encoding in new[] { "br", "gzip" })
                data.Add(url, encoding);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rendered))]
    public async Task ACompressedAnswerDecodesToTheUncompressedOne(string url, string encoding)
    {
        var plain = await portal.Get(url);
        var compressed = await portal.Get(url, ("Accept-Encoding", encoding));

        Assert.Null(plain.Encoding);
        Assert.Equal(encoding, compressed.Encoding);
        Assert.Contains("Accept-Encoding", compressed.Vary);
        Assert.True(compressed.Body.Length < plain.Body.Length * 0.7, $"{compressed.Body.Length} of {plain.Body.Length} bytes");
        Assert.Equal(plain.Body, compressed.Decoded());
        Assert.Equal(plain.ETag, compressed.ETag);   // weak: one representation, however it is encoded
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("identity", null)]
    public async Task TheEncodingFollowsAcceptEncoding(string accept, string? expected)
    {
        var answer = await portal.Get(CachingPortal.Article, ("Accept-Encoding", accept));
        var again = await portal.Get(CachingPortal.Article, ("Accept-Encoding", accept));   // from the cache

        Assert.Equal(expected, answer.Encoding);
        Assert.Equal(expected, again.Encoding);
    }

    [Fact]
    public async Task StaticAssetsAreFingerprintedPrecompressedAndImmutable()
    {
        var home = new HtmlParser().ParseDocument((await portal.Get("/")).Text());
        var assets = new[] { "link[rel=stylesheet]", "script[src]", "link[rel=icon]" }
            .Select(selector => home.QuerySelector(selector)!)
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();

        Assert.Equal(3, assets.Count);
        foreach (var url in assets)
        {
            var match = Fingerprinted().Match(url);
            Assert.True(match.Success, url);
            var file = File.ReadAllBytes(Path.Combine(Repository.Root, "wwwroot", match.Groups["path"].Value + match.Groups["ext"].Value));

            var plain = await portal.Get(url);
            var gzip = await portal.Get(url, ("Accept-Encoding", "gzip"));

            Assert.Equal(HttpStatusCode.OK, plain.Status);
            Assert.True(plain.Headers.CacheControl is { MaxAge.TotalDays: >= 365 } cc && cc.Extensions.Any(e => e.Name == "immutable"),
                $"{url}: Cache-Control {plain.CacheControl}");
            Assert.Equal(file, plain.Body);
            Assert.Equal("gzip", gzip.Encoding);
            Assert.Equal(file, gzip.Decoded());
        }
    }

    /// <summary>css/site.tsdqonotdg.css: the file's path, a fingerprint, its extension.</summary>
    [GeneratedRegex(@"^/(?<path>(css|js)/site|favicon)\.[a-z0-9]{6,}(?<ext>\.(css|js|svg))$")]
    private static partial Regex Fingerprinted();
}
