namespace PolicyNews.Web.Feeds;

/// <summary>How large the feeds and sitemap files get, bound from the <c>Feeds</c> configuration section (docs/operations.md#feeds-sitemap-and-exports).</summary>
public sealed class FeedSettings
{
    public const string SectionName = "Feeds";

    /// <summary><c>Feeds:Entries</c> — entries in a feed at most: the newest articles (main feed), sections (tag feed) or hits (search feed).</summary>
    public int Entries { get; set; } = 50;

    /// <summary><c>Feeds:SitemapUrlsPerFile</c> — URLs in one sitemap file at most; the sitemaps protocol allows 50,000.</summary>
    public int SitemapUrlsPerFile { get; set; } = 50_000;
}
