using System.Text;
using System.Xml;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Feeds;

/// <summary>The machine-readable entry points: the Atom feed, the sitemap and robots.txt.</summary>
public static class FeedEndpoints
{
    const string AtomNs = "http://www.w3.org/2005/Atom";
    const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.Feed, (SiteOrigin origin, ArticleStore articles, DisplayPreferences display, CancellationToken aborted) =>
            Xml(writer => WriteAtom(writer, origin, articles.ListArticles(aborted), display), "application/atom+xml; charset=utf-8"));
        app.MapGetAndHead(Links.Sitemap, (SiteOrigin origin, ArticleStore articles, TagStore tags, CancellationToken aborted) =>
            Xml(writer => WriteSitemap(writer, origin, articles.ListArticles(aborted), tags.ListTagsInUse(aborted)), "application/xml; charset=utf-8"));
        app.MapGetAndHead("/robots.txt", (SiteOrigin origin) => Results.Text(
            $"User-agent: *\nDisallow: /api/\nDisallow: /search\nSitemap: {Links.Absolute(origin, Links.Sitemap)}\n",
            "text/plain; charset=utf-8"));
        return app;
    }

    /// <summary>The feed in the reader's script (<c>/feed.atom?script=hans</c>), like every page.</summary>
    static void WriteAtom(XmlWriter w, SiteOrigin origin, IReadOnlyList<ArticleSummary> articles, DisplayPreferences display)
    {
        string Url(string path) => Links.Absolute(origin, path);
        var updated = articles.Select(a => Dates.ToTimestamp(a.Published)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();

        w.WriteStartElement("feed", AtomNs);
        w.WriteAttributeString("xml", "lang", null, display.Lang);
        w.WriteElementString("title", AtomNs, display.Text("PolicyNews 政策新聞檔案"));
        w.WriteElementString("id", AtomNs, Url(Links.Home));
        w.WriteElementString("updated", AtomNs, updated.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        Link(w, Url(Links.Feed), "self");
        Link(w, Url(Links.Home), "alternate");
        foreach (var a in articles)
        {
            w.WriteStartElement("entry", AtomNs);
            w.WriteElementString("title", AtomNs, display.Text(a.Title));
            w.WriteElementString("id", AtomNs, Url(Links.Article(a.Slug)));
            Link(w, Url(Links.Article(a.Slug)), "alternate");
            var published = Dates.ToTimestamp(a.Published).ToString("yyyy-MM-ddTHH:mm:ssZ");
            w.WriteElementString("published", AtomNs, published);
            w.WriteElementString("updated", AtomNs, published);
            w.WriteStartElement("author", AtomNs);
            w.WriteElementString("name", AtomNs, display.Text(a.Author ?? a.Source ?? "PolicyNews"));
            w.WriteEndElement();
            foreach (var tag in a.Tags)
            {
                w.WriteStartElement("category", AtomNs);
                w.WriteAttributeString("term", tag.Slug);
                w.WriteAttributeString("label", display.Text(tag.Name));
                w.WriteEndElement();
            }
            if (a.Summary is not null)
                w.WriteElementString("summary", AtomNs, display.Text(a.Summary));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    static void WriteSitemap(XmlWriter w, SiteOrigin origin, IReadOnlyList<ArticleSummary> articles, IReadOnlyList<TagSummary> tagsInUse)
    {
        w.WriteStartElement("urlset", SitemapNs);
        void Url(string path)
        {
            w.WriteStartElement("url", SitemapNs);
            w.WriteElementString("loc", SitemapNs, Links.Absolute(origin, path));
            w.WriteEndElement();
        }
        Url(Links.Home);
        Url(Links.Tags);
        foreach (var a in articles)
        {
            Url(Links.Article(a.Slug));
            foreach (var s in a.Sections)
                Url(Links.Section(a.Slug, s.Slug));
        }
        foreach (var t in tagsInUse)
            Url(Links.Tag(t.Slug));
        w.WriteEndElement();
    }

    static void Link(XmlWriter w, string href, string rel)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    static IResult Xml(Action<XmlWriter> write, string contentType)
    {
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
            write(writer);
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + buffer, contentType, Encoding.UTF8);
    }
}
