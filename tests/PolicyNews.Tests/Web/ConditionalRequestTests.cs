using System.Net;
using Microsoft.Net.Http.Headers;

namespace PolicyNews.Tests.Web;

/// <summary>
/// Validators from the import generation: every page, the feed, the sitemap, robots.txt and the
/// API carry a weak ETag and Last-Modified, and a repeated request with either gets 304. The ETag
/// covers whatever the bytes depend on (the URL, the script and pinyin choice, the generation).
/// </summary>
public sealed class ConditionalRequestTests(CachingPortal portal) : ConditionalRequestCases(portal), IClassFixture<CachingPortal>;

/// <summary>The same cases with the output cache off: the 304s come from the validators alone.</summary>
public sealed class ConditionalRequestsWithoutOutputCacheTests(UncachedPortal portal) : ConditionalRequestCases(portal), IClassFixture<UncachedPortal>;

public abstract class ConditionalRequestCases(CachingPortal portal)
{
    const string Article = CachingPortal.Article;

    public static TheoryData<string> Cacheable =>
    [
        "/", Article, Article + "/lead", "/tags", "/tags/artificial-intelligence", "/search?q=" + Uri.EscapeDataString("創新"),
        "/about", "/feed.atom", "/sitemap.xml", "/robots.txt", "/api/articles", "/api/articles/" + Search.SeedArchive.Replicated,
        "/api/search?q=chuangxin",
    ];

    [Theory]
    [MemberData(nameof(Cacheable))]
    public async Task RepeatedRequestWithItsETagAnswers304(string url)
    {
        var first = await portal.Get(url);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.StartsWith("W/\"", first.ETag);
        Assert.NotNull(first.Content.LastModified);

        var again = await portal.Get(url, ("If-None-Match", first.ETag!));

        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Empty(again.Body);
        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal(first.CacheControl, again.CacheControl);
    }

    [Theory]
    [MemberData(nameof(Cacheable))]
    public async Task RepeatedRequestWithItsLastModifiedAnswers304(string url)
    {
        var first = await portal.Get(url);
        var lastModified = first.Content.LastModified!.Value;

        var again = await portal.Get(url, ("If-Modified-Since", HeaderUtilities.FormatDate(lastModified)));
        var earlier = await portal.Get(url, ("If-Modified-Since", HeaderUtilities.FormatDate(lastModified.AddSeconds(-1))));

        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Equal(HttpStatusCode.OK, earlier.Status);
        Assert.Equal(first.Body, earlier.Body);
    }

    [Fact]
    public async Task AnotherETagGetsTheWholeAnswerEvenWithACurrentDate()
    {
        var first = await portal.Get(Article);

        // If-None-Match decides when it is present: If-Modified-Since is then ignored (RFC 9110 §13.2.2).
        var other = await portal.Get(Article, ("If-None-Match", "W/\"0-0000\""),
            ("If-Modified-Since", HeaderUtilities.FormatDate(first.Content.LastModified!.Value)));

        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Equal(first.Body, other.Body);
        Assert.Equal(HttpStatusCode.NotModified, (await portal.Get(Article, ("If-None-Match", "*"))).Status);
    }

    [Theory]
    [InlineData("?script=hant", "?script=hans")]
    [InlineData("?script=hant", "?pinyin=on")]
    [InlineData("", "?script=hant")]
    public async Task ETagDiffersBetweenDisplayChoicesInTheQuery(string one, string other)
    {
        var a = await portal.Get(Article + one);
        var b = await portal.Get(Article + other);

        Assert.NotEqual(a.ETag, b.ETag);
        Assert.Equal(HttpStatusCode.OK, (await portal.Get(Article + other, ("If-None-Match", a.ETag!))).Status);
    }

    [Theory]
    [InlineData("script=hans")]
    [InlineData("pinyin=on")]
    public async Task ETagDiffersWhenOnlyTheCookieDiffers(string cookie)
    {
        var plain = await portal.Get(Article);
        var chosen = await portal.Get(Article, ("Cookie", cookie));

        Assert.NotEqual(plain.Text(), chosen.Text());
        Assert.NotEqual(plain.ETag, chosen.ETag);
        // A validator from the other choice does not revalidate this one.
        Assert.Equal(HttpStatusCode.OK, (await portal.Get(Article, ("Cookie", cookie), ("If-None-Match", plain.ETag!))).Status);
        Assert.Equal(HttpStatusCode.NotModified, (await portal.Get(Article, ("Cookie", cookie), ("If-None-Match", chosen.ETag!))).Status);
    }

    [Fact]
    public async Task ETagDiffersBetweenQueries()
    {
        var one = await portal.Get("/search?q=chuangxin");
        var other = await portal.Get("/search?q=hangzhou");

        Assert.NotEqual(one.ETag, other.ETag);
    }

    [Theory]
    [InlineData("/")]
    [InlineData(Article)]
    [InlineData("/tags")]
    public async Task PagesVaryByCookieAndAreRevalidatedBeforeReuse(string url)
    {
        var page = await portal.Get(url);

        Assert.Contains("Cookie", page.Vary);
        Assert.Equal("no-cache", page.CacheControl);
    }

    [Theory]
    [InlineData("/", "script=hans")]
    [InlineData("/feed.atom", "script=hans")]
    [InlineData(Article, "pinyin=on")]
    public async Task WhatFollowsTheDisplayChoiceVariesByCookie(string url, string cookie)
    {
        var plain = await portal.Get(url);
        var chosen = await portal.Get(url, ("Cookie", cookie));

        Assert.Contains("Cookie", plain.Vary);
        Assert.Contains("Cookie", chosen.Vary);
        Assert.NotEqual(plain.ETag, chosen.ETag);
        Assert.NotEqual(plain.Body, chosen.Body);
    }

    [Theory]
    [InlineData("/sitemap.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/api/articles")]
    [InlineData("/api/articles/" + Search.SeedArchive.Replicated)]
    public async Task DataInTheArchivesOwnScriptDoesNotVaryByCookie(string url)
    {
        var plain = await portal.Get(url);
        var cookie = await portal.Get(url, ("Cookie", "script=hans; pinyin=on"));

        Assert.DoesNotContain("Cookie", plain.Vary);
        Assert.Equal("no-cache", plain.CacheControl);
        Assert.Equal(plain.ETag, cookie.ETag);
        Assert.Equal(plain.Body, cookie.Body);
    }

    [Fact]
    public async Task AnAnswerThatSetsACookieIsPrivate()
    {
        var answer = await portal.Get(Article + "?script=hans");

        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("script=hans"));
        Assert.True(answer.Headers.CacheControl is { Private: true, NoCache: true }, answer.CacheControl);
    }

    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData("/api/articles/no-such-article")]
    [InlineData("/tags/no-such-tag")]
    public async Task ErrorAnswersCarryNoValidators(string url)
    {
        var missing = await portal.Get(url);

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Null(missing.ETag);
        Assert.Null(missing.Content.LastModified);
        Assert.DoesNotContain("no-cache", missing.CacheControl);
        Assert.False(missing.Headers.Age.HasValue);
    }
}
