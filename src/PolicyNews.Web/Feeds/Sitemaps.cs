using System.Text;
using System.Xml;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Feeds;

/// <summary>
/// The sitemap (sitemaps.org protocol): <c>/sitemap.xml</c> is an index of files
/// <c>/sitemaps/{n}.xml</c> of at most <see cref="FeedSettings.SitemapUrlsPerFile"/> URLs each. The
/// URLs are the site's pages — home, tags, about, help — then every article, section and tag in use
/// (<see cref="SitemapStore"/>), each with <c>lastmod</c>: when the importer last rewrote it, for the
/// home and tag index the last import, for about and help their Markdown file.
/// </summary>
public sealed class Sitemaps(SitemapStore store, ImportGenerationStore generations, SiteFolders folders, SiteOrigin origin)
{
    const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The pages that are not in the archive's tables; they open the first file.</summary>
    static readonly string[] SitePages = [Links.Home, Links.Tags, Links.About, Links.Help];

    public IResult Index(int urlsPerFile, CancellationToken aborted)
    {
        var files = Math.Max(1, (int)((SitePages.Length + store.Count(aborted) + urlsPerFile - 1) / urlsPerFile));
        var changed = generations.Current().ChangedAt;
        return Xml(w =>
        {
            w.WriteStartElement("sitemapindex", SitemapNs);
            for (var n = 1; n <= files; n++)
            {
                w.WriteStartElement("sitemap", SitemapNs);
                w.WriteElementString("loc", SitemapNs, Links.Absolute(origin, Links.SitemapFile(n)));
                w.WriteElementString("lastmod", SitemapNs, Stamp(changed));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    /// <summary>File <paramref name="n"/> (from 1); null past the last.</summary>
    public IResult? File(int n, int urlsPerFile, CancellationToken aborted)
    {
        var start = (long)(n - 1) * urlsPerFile;
        if (n < 1 || (n > 1 && start >= SitePages.Length + store.Count(aborted)))
            return null;
        var changed = generations.Current().ChangedAt;
        var site = SitePages.Skip((int)Math.Min(start, SitePages.Length)).Take(urlsPerFile)
            .Select(path => (path, path == Links.Home || path == Links.Tags ? changed : DocChanged(path)))
            .ToList();
        var archive = store.Slice(Math.Max(0, start - SitePages.Length), urlsPerFile - site.Count, aborted)
            .Select(e => (Path(e), e.LastModified));
        return Xml(w =>
        {
            w.WriteStartElement("urlset", SitemapNs);
            foreach (var (path, lastModified) in site.Concat(archive))
            {
                w.WriteStartElement("url", SitemapNs);
                w.WriteElementString("loc", SitemapNs, Links.Absolute(origin, path));
                w.WriteElementString("lastmod", SitemapNs, Stamp(lastModified));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    static string Path(SitemapEntry e) => e.Kind switch
    {
        SitemapKind.Article => Links.Article(e.Slug),
        SitemapKind.Section => Links.Section(e.Slug, e.SectionSlug!),
        _ => Links.Tag(e.Slug),
    };

    /// <summary>/about and /help are docs/about.md and docs/help.md (Pages/About/DocModel).</summary>
    DateTimeOffset DocChanged(string path) =>
        new(System.IO.File.GetLastWriteTimeUtc(System.IO.Path.Combine(folders.Docs, path.TrimStart('/') + ".md")), TimeSpan.Zero);

    static string Stamp(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ");

    static IResult Xml(Action<XmlWriter> write)
    {
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
            write(writer);
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + buffer, "application/xml; charset=utf-8", Encoding.UTF8);
    }
}
