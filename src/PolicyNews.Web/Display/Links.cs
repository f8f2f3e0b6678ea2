namespace PolicyNews.Web.Display;

/// <summary>
/// Every URL the portal hands out, in one place. Section pages live at readable paths
/// (/articles/{article}/{section}); <see cref="Permalink"/> uses the section's stable id, which
/// survives re-imports even if a heading (and so its slug) changes, and redirects to the path.
/// </summary>
public static class Links
{
    public const string Home = "/";
    public const string Tags = "/tags";
    public const string Search = "/search";
    public const string About = "/about";
    public const string Help = "/help";
    public const string Feed = "/feed.atom";
    public const string Sitemap = "/sitemap.xml";
    public const string SitemapFilePattern = "/sitemaps/{n:int}.xml";
    public const string SearchFeed = "/search/feed.atom";
    public const string TagFeedPattern = "/tags/{slug}/feed.atom";
    public const string ArticlesApi = "/api/articles";
    public const string ArticlesCsv = "/api/articles.csv";
    public const string TagsApi = "/api/tags";
    public const string SearchApi = "/api/search";
    public const string SearchCsv = "/api/search.csv";
    /// <summary>The OpenAPI document of the JSON API, and the page that shows it.</summary>
    public const string OpenApi = "/api/openapi.json";
    public const string ApiDocs = "/api-docs";
    /// <summary>The whole archive, filtered and paged; home shows its first page without the filters.</summary>
    public const string Archive = "/articles";

    /// <summary>
    /// The archive listing (or its JSON twin at <see cref="ArticlesApi"/>, with the page size it was
    /// asked for) with a filter, at a page (page 1 has none in the URL).
    /// </summary>
    public static string Listing(ArticleFilter filter, int page = 1, string path = Archive, int? pageSize = null) =>
        WithParameters(path, ListingQuery.Parameters(filter)
            .Concat(page > 1 ? [$"page={page}"] : [])
            .Concat(pageSize is { } size ? [$"pageSize={size}"] : []));

    /// <summary>A tag's page at a page of its sections.</summary>
    public static string Tag(string slug, int page) => page > 1 ? $"{Tag(slug)}?page={page}" : Tag(slug);

    static string WithParameters(string path, IEnumerable<string> parameters)
    {
        var query = string.Join('&', parameters);
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    public static string Article(string slug) => $"/articles/{Uri.EscapeDataString(slug)}";
    public static string Section(string articleSlug, string sectionSlug) => $"{Article(articleSlug)}/{Uri.EscapeDataString(sectionSlug)}";
    public static string Section(ArticleRef article, SectionLink section) => Section(article.Slug, section.Slug);

    /// <summary>The same section inside the full article page.</summary>
    public static string InArticle(string articleSlug, SectionLink section) => $"{Article(articleSlug)}#{section.Slug}";
    public static string Permalink(string sectionStableId) => $"/s/{Uri.EscapeDataString(sectionStableId)}";
    /// <summary>Where a path retired by a re-import leads now (the section, or its article).</summary>
    public static string Moved(MovedPath moved) =>
        moved.SectionSlug is null ? Article(moved.ArticleSlug) : Section(moved.ArticleSlug, moved.SectionSlug);

    /// <summary>The section page link of a search hit: opens at the matching paragraph with the matched words marked.</summary>
    public static string Hit(ArticleRef article, SearchHit hit)
    {
        var marked = hit.Snippet.Segments.Concat(hit.Heading).Where(s => s.IsMatch).Select(s => s.Text.Trim())
            .Where(t => t.Length > 0).Distinct().Take(8);
        var hl = string.Join(' ', marked);
        var url = Section(article, hit.Section);
        if (hl.Length > 0)
            url += "?hl=" + Uri.EscapeDataString(hl);
        return hit.ParagraphId is null ? url : $"{url}#{hit.ParagraphId}";
    }

    /// <summary>A section as a link in the JSON twins: its ids, heading, page path and permalink.</summary>
    public static object SectionJson(string articleSlug, SectionLink section) => new
    {
        id = section.StableId, section.Slug, section.Ordinal, heading = section.Heading,
        page = Section(articleSlug, section.Slug),
        permalink = Permalink(section.StableId),
    };

    public static string Tag(string slug) => $"/tags/{Uri.EscapeDataString(slug)}";

    // The JSON twins and CSV exports of the pages, under /api/ (docs: the /api-docs page, from the OpenAPI document).
    public static string ArticleApi(string slug) => $"{ArticlesApi}/{Uri.EscapeDataString(slug)}";
    public static string ArticleCsv(string slug) => $"{ArticleApi(slug)}.csv";
    public static string SectionApi(string articleSlug, string sectionSlug) => $"{ArticleApi(articleSlug)}/{Uri.EscapeDataString(sectionSlug)}";
    public static string TagApi(string slug) => $"{TagsApi}/{Uri.EscapeDataString(slug)}";
    public static string TagApi(string slug, int page) => page > 1 ? $"{TagApi(slug)}?page={page}" : TagApi(slug);
    public static string TagCsv(string slug) => $"{TagApi(slug)}.csv";
    public static string TagFeed(string slug) => $"{Tag(slug)}/feed.atom";

    /// <summary>File <paramref name="n"/> (from 1) of the sitemap that <see cref="Sitemap"/> indexes.</summary>
    public static string SitemapFile(int n) => $"/sitemaps/{n}.xml";

    /// <summary><paramref name="path"/> with the parameters that have a value, in the order given.</summary>
    public static string WithParameters(string path, params (string Key, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    /// <summary>An article's or a section's reference as a file: <c>cite.bib</c>, <c>cite.ris</c> or <c>cite.json</c> (CSL-JSON) beside its page.</summary>
    public static string Citation(string articleSlug, string? sectionSlug, string extension) =>
        $"{(sectionSlug is null ? Article(articleSlug) : Section(articleSlug, sectionSlug))}/cite.{extension}";

    /// <summary>An article's share card (og:image) in one script: its title on a plain background, as PNG.</summary>
    public static string ShareCard(string articleSlug, Script script) =>
        $"{Article(articleSlug)}/card-{DisplayPreferences.ScriptName(script)}.png";

    /// <summary>A page path in one script (<c>?script=hant|hans</c>): the hreflang alternates.</summary>
    public static string InScript(string path, Script script) =>
        $"{path}{(path.Contains('?') ? '&' : '?')}{DisplayPreferences.ScriptKey}={DisplayPreferences.ScriptName(script)}";

    /// <summary>
    /// A page's JSON or CSV twin in the page's script: the API takes its script from the URL alone. A
    /// twin that carries the page's own query keeps the script it names (the one the page is in); the
    /// OpenAPI document has no script.
    /// </summary>
    public static string TwinInScript(string twin, Script script)
    {
        var query = twin.IndexOf('?') is var at and >= 0 ? twin[at..] : "";
        return script == Script.Traditional || twin == OpenApi || Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ContainsKey(DisplayPreferences.ScriptKey)
            ? twin : InScript(twin, script);
    }

    /// <summary>
    /// A path as a full URL on the site's origin: the configured <c>Site:PublicUrl</c>, never the
    /// Host a client sent (unless no public URL is configured; see <see cref="SiteOrigin"/>).
    /// Every absolute URL the portal prints comes from here: canonical and og:url, citations,
    /// copy-link, the Atom feed, the sitemap and robots.txt.
    /// </summary>
    public static string Absolute(SiteOrigin origin, string path) => origin.Value + path;

    /// <summary>The permalink as a full URL: what citations print and copy-link copies.</summary>
    public static string AbsolutePermalink(SiteOrigin origin, string sectionStableId) => Absolute(origin, Permalink(sectionStableId));

    /// <summary>The current page with one query parameter set (others kept): how the switches link.</summary>
    public static string WithQuery(HttpRequest request, string key, string value) =>
        $"{request.PathBase}{request.Path}?{string.Join('&', OtherParameters(request, key).Append($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}"))}";

    /// <summary>The current page's path without one query parameter (others kept), for <see cref="Absolute"/> (whose origin holds the path base).</summary>
    public static string WithoutQuery(HttpRequest request, string key)
    {
        var query = string.Join('&', OtherParameters(request, key));
        return $"{request.Path}{(query.Length > 0 ? "?" + query : "")}";
    }

    static IEnumerable<string> OtherParameters(HttpRequest request, string key) => request.Query
        .Where(q => !string.Equals(q.Key, key, StringComparison.OrdinalIgnoreCase))
        .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
}
