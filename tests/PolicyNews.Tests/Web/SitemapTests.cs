using System.Xml.Linq;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The sitemap as an index of files of at most Feeds:SitemapUrlsPerFile URLs (25 here, 50,000 by the
/// protocol), on a generated archive: together the files list every page kind, every section exactly
/// once, each URL with a lastmod.
/// </summary>
public sealed class SitemapTests(GeneratedArchivePortal portal) : IClassFixture<GeneratedArchivePortal>
{
    static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";

    async Task<XDocument> Get(string url)
    {
        using var response = await portal.Client().GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheIndexsFilesTogetherListEveryPageOnceEachWithinTheLimit()
    {
        var index = await Get("/sitemap.xml");
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var files = index.Root.Elements(Sm + "sitemap").Select(s => new Uri(s.Element(Sm + "loc")!.Value).AbsolutePath).ToList();

        var urls = new List<XElement>();
        foreach (var file in files)
        {
            var listed = (await Get(file)).Root!.Elements(Sm + "url").ToList();
            Assert.InRange(listed.Count, 1, GeneratedArchivePortal.UrlsPerFile);
            urls.AddRange(listed);
        }
        var paths = urls.Select(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath).ToList();

        var sections = portal.Query<string>("SELECT '/articles/' || a.slug || '/' || s.slug FROM sections s JOIN articles a ON a.id = s.article_id");
        var articles = portal.Query<string>("SELECT '/articles/' || slug FROM articles");
        var tags = portal.Query<string>("SELECT '/tags/' || slug FROM tags WHERE id IN (SELECT tag_id FROM section_tags)");
        Assert.Equal(GeneratedArchivePortal.ArticleCount * 4, sections.Count);
        Assert.Equal(2, tags.Count);

        string[] site = ["/", "/tags", "/about", "/help"];
        Assert.Equal(site.Concat(articles).Concat(sections).Concat(tags).Order(), paths.Order());   // each exactly once
        Assert.Equal((paths.Count + GeneratedArchivePortal.UrlsPerFile - 1) / GeneratedArchivePortal.UrlsPerFile, files.Count);
        Assert.All(urls, u => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", u.Element(Sm + "lastmod")?.Value ?? ""));
        foreach (var path in paths.Where(p => p != "/"))
            Assert.Equal(200, (int)(await portal.Client().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task AnArticlesPagesAreLastModifiedWhenItWasImported()
    {
        var index = await Get("/sitemap.xml");   // the portal starts, importing the archive
        var imported = Assert.Single(portal.Query<string>("""
            SELECT f.imported_at FROM articles a JOIN source_files f ON f.id = a.source_file_id WHERE a.slug = @slug
            """, new { slug = GeneratedArchivePortal.Slug(1) }));

        var urls = new List<XElement>();
        foreach (var file in index.Root!.Elements(Sm + "sitemap"))
            urls.AddRange((await Get(new Uri(file.Element(Sm + "loc")!.Value).AbsolutePath)).Root!.Elements(Sm + "url"));

        var ofArticle = urls.Where(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath.StartsWith($"/articles/{GeneratedArchivePortal.Slug(1)}")).ToList();
        Assert.Equal(5, ofArticle.Count);   // the article and its four sections
        Assert.All(ofArticle, u => Assert.Equal(imported, u.Element(Sm + "lastmod")!.Value));
    }

    [Theory]
    [InlineData("/sitemaps/0.xml")]
    [InlineData("/sitemaps/99.xml")]
    [InlineData("/sitemaps/x.xml")]
    public async Task AFileOutsideTheIndexIsNotFound(string url) =>
        Assert.Equal(404, (int)(await portal.Client().GetAsync(url)).StatusCode);
}
