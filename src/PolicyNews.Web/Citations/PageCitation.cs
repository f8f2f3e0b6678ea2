using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PolicyNews.Web.Citations;

/// <summary>
/// What an article or section page says about the work it shows: to readers, the citation block
/// with its downloads; to machines, in <c>&lt;head&gt;</c>, the <c>citation_*</c> tags Google Scholar
/// and Zotero read, Open Graph's <c>article:*</c>, and schema.org <c>NewsArticle</c> JSON-LD.
/// </summary>
/// <param name="Image">The absolute URL of the article's share card, or null when the portal makes none.</param>
public sealed record PageCitation(CitedWork Work, Citation Text, string ArticleSlug, string? SectionSlug, string ArticleTitle,
    string ArticleUrl, IReadOnlyList<string> Tags, string? Image)
{
    public static PageCitation Of(ArticleRef article, SectionLink? section, IEnumerable<TagRef> tags, SiteOrigin origin,
        DisplayPreferences display, string? image)
    {
        var work = CitedWork.Of(article, section, origin, display, CitedWork.Today);
        return new PageCitation(work, Citation.For(work), article.Slug, section?.Slug, display.Text(article.Title),
            Links.Absolute(origin, Links.Article(article.Slug)), tags.Select(t => display.Text(t.Name)).ToList(), image);
    }

    /// <summary>The reference files of this work, beside its page.</summary>
    public IEnumerable<(CitationFormat Format, string Href)> Downloads =>
        CitationFormat.All.Select(f => (f, Links.Citation(ArticleSlug, SectionSlug, f.Extension)));

    // In a <script> element: the encoder escapes <, > and & (so no text can close the element) but writes Chinese as itself.
    static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// schema.org <c>NewsArticle</c> as JSON-LD. A section page describes the section as a NewsArticle
    /// that is part of the whole one. Data, not script: the CSP's script-src does not apply to it.
    /// </summary>
    public string JsonLd()
    {
        var w = Work;
        var item = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = w.Title,
            ["url"] = w.Url,
            ["mainEntityOfPage"] = w.Url,
            ["inLanguage"] = w.Language,
            ["datePublished"] = w.Published,
            ["author"] = w.Author is null ? null : Thing("Person", ("name", w.Author)),
            ["publisher"] = w.Publication is null ? null : Thing("Organization", ("name", w.Publication)),
            ["keywords"] = Tags.Count == 0 ? null : Tags,
            ["image"] = Image,
            ["isPartOf"] = SectionSlug is null ? null : Thing("NewsArticle", ("headline", ArticleTitle), ("url", ArticleUrl)),
        };
        return JsonSerializer.Serialize(item.Where(p => p.Value is not null).ToDictionary(), Json);   // what is unknown is left out
    }

    static Dictionary<string, string> Thing(string type, params (string Key, string Value)[] properties) =>
        properties.Prepend(("@type", type)).ToDictionary(p => p.Item1, p => p.Item2);
}
