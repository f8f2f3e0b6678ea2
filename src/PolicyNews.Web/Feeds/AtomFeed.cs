using System.Net;
using System.Text;
using System.Xml;
using Ganss.Xss;
using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Feeds;

/// <summary>
/// Atom (RFC 4287) with the full text of every entry: an entry is an article (the main feed) or a
/// section (a tag's feed, a search's feed). The content is HTML built from the stored text and then
/// passed through HtmlSanitizer, so a feed reader gets only headings, paragraphs and lists whatever
/// the text holds. An entry's <c>updated</c> is when the importer last rewrote its article, so a
/// re-import that changes the text moves it and one that changes nothing leaves it.
/// </summary>
public static class AtomFeed
{
    const string AtomNs = "http://www.w3.org/2005/Atom";
    const string Stamp = "yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>What a feed is about: its title, its page, its own URL, and when the archive last changed (the updated of an empty feed).</summary>
    public sealed record Head(string Title, string PagePath, string SelfPath, DateTimeOffset ArchiveChanged);

    /// <summary>One entry: <see cref="Id"/> is a path that never changes for it (an article page, a section's permalink).</summary>
    public sealed record Entry(string Id, string PagePath, string Title, string? Published, string? Author, IReadOnlyList<TagRef> Tags,
        IReadOnlyList<SectionTextView> Sections)
    {
        public DateTimeOffset Updated => Sections.Max(s => s.Updated);
    }

    // Only what the builder below writes survives; HtmlSanitizer is safe to share between threads.
    static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(["h2", "p", "ol", "li"], StringComparer.OrdinalIgnoreCase),
        AllowedAttributes = new HashSet<string>(["value"], StringComparer.OrdinalIgnoreCase),
    });

    /// <summary>An entry per article, its sections in order (sections arrive grouped by article, newest first).</summary>
    public static IEnumerable<Entry> ByArticle(IEnumerable<SectionTextView> sections) =>
        sections.GroupBy(s => s.Article.Slug).Select(g =>
        {
            var article = g.First().Article;
            return new Entry(Links.Article(article.Slug), Links.Article(article.Slug), article.Title, article.Published,
                article.Author ?? article.Source, g.SelectMany(s => s.Tags).DistinctBy(t => t.Slug).ToList(), g.ToList());
        });

    /// <summary>An entry per section, identified by its permalink, titled with its article.</summary>
    public static IEnumerable<Entry> BySection(IEnumerable<SectionTextView> sections) =>
        sections.Select(s => new Entry(Links.Permalink(s.Section.StableId), Links.Section(s.Article.Slug, s.Section.Slug),
            $"{s.Article.Title}：{SectionTitles.Of(s.Section)}", s.Article.Published, s.Article.Author ?? s.Article.Source, s.Tags, [s]));

    public static IResult Result(Head head, IReadOnlyList<Entry> entries, SiteOrigin origin, DisplayPreferences display)
    {
        var buffer = new StringBuilder();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
            Write(w, head, entries, origin, display);
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + buffer, "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }

    static void Write(XmlWriter w, Head head, IReadOnlyList<Entry> entries, SiteOrigin origin, DisplayPreferences display)
    {
        string Url(string path) => Links.Absolute(origin, path);
        w.WriteStartElement("feed", AtomNs);
        w.WriteAttributeString("xml", "lang", null, display.Lang);
        w.WriteElementString("title", AtomNs, XmlText(display.Text(head.Title)));
        w.WriteElementString("id", AtomNs, Url(head.PagePath));
        w.WriteElementString("updated", AtomNs, (entries.Count == 0 ? head.ArchiveChanged : entries.Max(e => e.Updated)).ToString(Stamp));
        Link(w, Url(head.SelfPath), "self", "application/atom+xml");
        Link(w, Url(head.PagePath), "alternate", "text/html");
        w.WriteStartElement("author", AtomNs);
        w.WriteElementString("name", AtomNs, "PolicyNews");
        w.WriteEndElement();
        foreach (var e in entries)
        {
            w.WriteStartElement("entry", AtomNs);
            w.WriteElementString("title", AtomNs, XmlText(display.Text(e.Title)));
            w.WriteElementString("id", AtomNs, Url(e.Id));
            Link(w, Url(e.PagePath), "alternate", "text/html");
            w.WriteElementString("published", AtomNs, Dates.ToTimestamp(e.Published).ToString(Stamp));
            w.WriteElementString("updated", AtomNs, e.Updated.ToString(Stamp));
            if (e.Author is not null)
            {
                w.WriteStartElement("author", AtomNs);
                w.WriteElementString("name", AtomNs, XmlText(display.Text(e.Author)));
                w.WriteEndElement();
            }
            foreach (var tag in e.Tags)
            {
                w.WriteStartElement("category", AtomNs);
                w.WriteAttributeString("term", tag.Slug);
                w.WriteAttributeString("scheme", Url(Links.Tags));
                w.WriteAttributeString("label", XmlText(display.Text(tag.Name)));
                w.WriteEndElement();
            }
            w.WriteStartElement("content", AtomNs);
            w.WriteAttributeString("type", "html");
            w.WriteString(XmlText(Sanitizer.Sanitize(Html(e, display))));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>The entry's text as HTML: a heading per headed section (an article entry), paragraphs, numbered lists.</summary>
    static string Html(Entry entry, DisplayPreferences display)
    {
        string Text(string text) => WebUtility.HtmlEncode(display.Text(text));
        var html = new StringBuilder();
        foreach (var section in entry.Sections)
        {
            if (entry.Sections.Count > 1 && section.Section.Heading is { } heading)
                html.Append("<h2>").Append(Text(heading)).Append("</h2>");
            var inList = false;
            foreach (var block in section.Blocks)
            {
                if ((block.Kind == BlockKind.ListItem) != inList)
                {
                    html.Append(inList ? "</ol>" : "<ol>");
                    inList = !inList;
                }
                html.Append(!inList ? "<p>" : block.ItemNumber is { } n ? $"<li value=\"{n}\">" : "<li>").Append(Text(block.Text)).Append(inList ? "</li>" : "</p>");
            }
            if (inList)
                html.Append("</ol>");
        }
        return html.ToString();
    }

    /// <summary>
    /// The text without the characters XML 1.0 cannot carry (controls but tab and line breaks,
    /// U+FFFE, U+FFFF, lone surrogates), which XmlWriter refuses with an exception: a search feed's
    /// title is the reader's query, and the archive's text is not the feed's to vouch for.
    /// </summary>
    static string XmlText(string text)
    {
        var valid = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
            if (XmlConvert.IsXmlChar(text[i]))
                valid.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                valid.Append(text[i]).Append(text[++i]);
        return valid.Length == text.Length ? text : valid.ToString();
    }

    static void Link(XmlWriter w, string href, string rel, string type)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }
}
