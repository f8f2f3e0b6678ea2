using System.Net;
using AngleSharp.Html.Parser;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The output cache: a repeated answer comes from memory (it carries an Age header), keyed by the
/// URL and the reader's script and pinyin choice, so a choice made by cookie is never served to a
/// visitor without it, and an answer that sets a cookie is never stored.
/// </summary>
public sealed class OutputCacheTests(CachingPortal portal) : IClassFixture<CachingPortal>
{
    const string Article = CachingPortal.Article;

    [Theory]
    [InlineData(Article)]
    [InlineData("/tags")]
    [InlineData("/feed.atom")]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/api/articles")]
    public async Task ARepeatedAnswerComesFromTheCache(string url)
    {
        var first = await portal.Get(url);
        var again = await portal.Get(url);

        Assert.True(again.Headers.Age.HasValue, $"GET {url} was rendered again");
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.ETag, again.ETag);
    }

    [Theory]
    [InlineData("script=hans", "zh-Hans")]
    [InlineData("script=hant", "zh-Hant")]
    public async Task AScriptChosenByCookieIsNeverServedToAnotherVisitor(string cookie, string lang)
    {
        var url = Article + "?cookie-test=" + cookie.Replace("=", "-");   // a URL of this test's own
        var other = lang == "zh-Hans" ? "zh-Hant" : "zh-Hans";

        // The cookie's visitor first, then one without it, then one with the opposite choice.
        Assert.Equal(lang, Lang(await portal.Get(url, ("Cookie", cookie))));
        Assert.Equal("zh-Hant", Lang(await portal.Get(url)));
        Assert.Equal(other, Lang(await portal.Get(url, ("Cookie", lang == "zh-Hans" ? "script=hant" : "script=hans"))));
        // And each again, now from the cache.
        var cached = await portal.Get(url, ("Cookie", cookie));
        Assert.True(cached.Headers.Age.HasValue);
        Assert.Equal(lang, Lang(cached));
        Assert.Equal("zh-Hant", Lang(await portal.Get(url)));
    }

    [Fact]
    public async Task TheFeedInAScriptChosenByCookieIsNeverServedToAnotherVisitor()
    {
        const string feed = "/feed.atom?cookie-test=feed";

        var simplified = await portal.Get(feed, ("Cookie", "script=hans"));
        var traditional = await portal.Get(feed);

        Assert.Contains("xml:lang=\"zh-Hans\"", simplified.Text());
        Assert.Contains("xml:lang=\"zh-Hant\"", traditional.Text());
    }

    [Fact]
    public async Task PinyinChosenByCookieIsNeverServedToAnotherVisitor()
    {
        var url = Article + "?cookie-test=pinyin";

        var withPinyin = await portal.Get(url, ("Cookie", "pinyin=on"));
        var without = await portal.Get(url);
        var withPinyinAgain = await portal.Get(url, ("Cookie", "pinyin=on"));

        Assert.NotEmpty(Parse(withPinyin).QuerySelectorAll("ruby"));
        Assert.Empty(Parse(without).QuerySelectorAll("ruby"));
        Assert.Equal(withPinyin.Body, withPinyinAgain.Body);
    }

    [Fact]
    public async Task AChoiceMadeInTheQueryFollowsItsVisitorOnly()
    {
        var reader = portal.Client();   // keeps its cookies, as a browser does
        await CachingPortal.Get(reader, Article + "?script=hans");

        Assert.Equal("zh-Hans", Lang(await CachingPortal.Get(reader, Article)));
        Assert.Equal("zh-Hant", Lang(await portal.Get(Article)));
        Assert.Equal("zh-Hans", Lang(await CachingPortal.Get(reader, Article)));
    }

    [Fact]
    public async Task AnAnswerThatSetsACookieIsNeverStored()
    {
        var url = Article + "?script=hans&cookie-test=stored";

        var first = await portal.Get(url);
        var second = await portal.Get(url);

        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("script=hans"));
        Assert.False(second.Headers.Age.HasValue, "an answer with Set-Cookie was stored");
    }

    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData("/api/articles/no-such-article")]
    public async Task ErrorAnswersAreNeverStored(string url)
    {
        await portal.Get(url);
        var again = await portal.Get(url);

        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.False(again.Headers.Age.HasValue);
    }

    [Theory]
    [InlineData("/search?q=chuangxin", "/search?q=hangzhou")]
    // The first of repeated parameters counts: these two may answer differently.
    [InlineData("/search?q=chuangxin&tag=open-source&tag=hangzhou", "/search?q=chuangxin&tag=hangzhou&tag=open-source")]
    public async Task DifferentQueriesAreDifferentEntries(string one, string other)
    {
        await portal.Get(one);
        await portal.Get(one);

        var answer = await portal.Get(other);

        Assert.False(answer.Headers.Age.HasValue, $"{other} was served the entry of {one}");
    }

    [Fact]
    public async Task PathsDifferingOnlyInCaseAreNotOneEntry()
    {
        await portal.Get(Article);

        var upper = await portal.Get(Article.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.NotFound, upper.Status);
    }

    static AngleSharp.Html.Dom.IHtmlDocument Parse(WholeResponse answer) => new HtmlParser().ParseDocument(answer.Text());

    static string? Lang(WholeResponse answer) => Parse(answer).DocumentElement.GetAttribute("lang");
}
