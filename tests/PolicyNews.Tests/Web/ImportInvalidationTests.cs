using System.Net;
using PolicyNews.Archive.Import;
using PolicyNews.Tests.Import;

namespace PolicyNews.Tests.Web;

/// <summary>
/// An import run while the portal serves (here in this process; the CLI in another process writes
/// the same generation row) drops the cached answers and changes every validator — and an import
/// that changes nothing keeps them, so browsers and the cache keep what they hold.
/// </summary>
public sealed class ImportInvalidationTests(CachingPortal portal) : IClassFixture<CachingPortal>, IDisposable
{
    readonly TempFolder sources = new();

    public void Dispose() => sources.Dispose();

    ImportResult Import(string fileName, string text)
    {
        var result = new ArchiveImporter(new FakePipeline())
            .Import(portal.ImportRequest([sources.Write(fileName, text)]));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result;
    }

    [Theory]
    [InlineData("/", "added-to-home")]
    [InlineData("/api/articles", "added-to-api")]
    [InlineData("/articles?type=news", "added-to-archive")]
    [InlineData("/api/articles?type=news&kind=", "added-to-api-filter")]
    [InlineData("/feed.atom", "added-to-feed")]
    [InlineData("/sitemaps/1.xml", "added-to-sitemap")]
    public async Task AnImportInvalidatesCachedAnswersAndTheirValidators(string url, string slug)
    {
        var added = "/articles/" + slug;
        await portal.Get(url);
        var before = await portal.Get(url);
        Assert.True(before.Headers.Age.HasValue);   // served from the cache
        Assert.DoesNotContain(added, before.Text());
        var articleBefore = await portal.Get(CachingPortal.Article);

        Import(slug + ".txt", "新加入的一篇報道。\n第二段。\n");

        var after = await portal.Get(url, ("If-None-Match", before.ETag!));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.False(after.Headers.Age.HasValue);
        Assert.Contains(added, after.Text());
        Assert.True(after.Content.LastModified >= before.Content.LastModified);
        // Pages the import did not touch are validated afresh too: every answer follows the generation.
        Assert.Equal(HttpStatusCode.OK, (await portal.Get(CachingPortal.Article, ("If-None-Match", articleBefore.ETag!))).Status);
    }

    [Fact]
    public async Task AnImportThatChangesNothingKeepsTheCacheAndTheValidators()
    {
        Import("same-story.txt", "一篇不會改變的報道。\n");
        var before = await portal.Get("/");

        var again = Import("same-story.txt", "一篇不會改變的報道。\n");

        Assert.Equal(0, again.RowsChanged);
        var after = await portal.Get("/", ("If-None-Match", before.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, after.Status);
        Assert.True((await portal.Get("/")).Headers.Age.HasValue);
    }
}
