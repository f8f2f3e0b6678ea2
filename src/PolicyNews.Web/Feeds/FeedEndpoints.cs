using Microsoft.Extensions.Options;
using PolicyNews.Archive.Text;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Feeds;

/// <summary>
/// The machine-readable entry points that are not the JSON API: the Atom feeds (the newest
/// articles, a tag's newest sections, a search's newest hits), the sitemap and robots.txt. Feeds
/// are in the reader's script (<c>?script=hans</c>), like every page.
/// </summary>
public static class FeedEndpoints
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FeedSettings>(builder.Configuration.GetSection(FeedSettings.SectionName));
        builder.Services.AddScoped<Sitemaps>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.Feed, (SectionTextStore sections, ImportGenerationStore generations, IOptions<FeedSettings> settings,
            SiteOrigin origin, DisplayPreferences display, CancellationToken aborted) =>
        {
            var newest = sections.List(SectionScope.OfNewestArticles(Bounded(settings)), aborted);
            return AtomFeed.Result(new AtomFeed.Head("PolicyNews 政策新聞檔案", Links.Home, Links.Feed, generations.Current().ChangedAt),
                AtomFeed.ByArticle(newest).ToList(), origin, display);
        });

        app.MapGetAndHead(Links.TagFeedPattern, (string slug, TagStore tags, SectionTextStore sections, ImportGenerationStore generations,
            IOptions<FeedSettings> settings, SiteOrigin origin, DisplayPreferences display, CancellationToken aborted) =>
        {
            if (tags.FindTag(slug, aborted) is not { } tag)
                return Results.NotFound();
            var tagged = sections.List(SectionScope.OfTag(slug, Bounded(settings)), aborted);
            return AtomFeed.Result(new AtomFeed.Head($"PolicyNews：{tag.Name}", Links.Tag(slug), Links.TagFeed(slug), generations.Current().ChangedAt),
                AtomFeed.BySection(tagged).ToList(), origin, display);
        });

        // The search's hits, newest first (a feed reader wants what is new), as many as a feed holds.
        app.MapGetAndHead(Links.SearchFeed, (string? q, string? tag, string? article, SearchStore search, SectionTextStore sections,
            ImportGenerationStore generations, IOptions<FeedSettings> settings, SiteOrigin origin, DisplayPreferences display,
            CancellationToken aborted) =>
        {
            if ((ControlCharacters.Problem("tag", tag) ?? ControlCharacters.Problem("article", article)) is { } problem)
                return Problems.Result(StatusCodes.Status400BadRequest, problem);
            var request = new SearchRequest(q ?? "", Blank(tag), Blank(article), SearchSort.Newest, PageSize: Math.Min(Bounded(settings), SearchStore.MaxPageSize));
            var hits = string.IsNullOrWhiteSpace(request.Query) ? [] : search.Search(request, aborted).Hits.Select(h => h.Section.StableId).ToList();
            var texts = hits.Count == 0 ? [] : sections.List(SectionScope.WithIds(hits), aborted).ToDictionary(s => s.Section.StableId);
            (string, string?)[] parameters = [("q", q ?? ""), ("tag", Blank(tag)), ("article", Blank(article))];
            return AtomFeed.Result(new AtomFeed.Head($"PolicyNews：{q}", Links.WithParameters(Links.Search, parameters),
                    Links.WithParameters(Links.SearchFeed, parameters), generations.Current().ChangedAt),
                AtomFeed.BySection(hits.Where(texts.ContainsKey).Select(id => texts[id])).ToList(), origin, display);
        }).RequireRateLimiting(Limits.Search).WithRequestTimeout(Limits.Search);

        app.MapGetAndHead(Links.Sitemap, (Sitemaps sitemaps, IOptions<FeedSettings> settings, CancellationToken aborted) =>
            sitemaps.Index(UrlsPerFile(settings), aborted));
        app.MapGetAndHead(Links.SitemapFilePattern, (int n, Sitemaps sitemaps, IOptions<FeedSettings> settings, CancellationToken aborted) =>
            sitemaps.File(n, UrlsPerFile(settings), aborted) ?? Results.NotFound());

        app.MapGetAndHead("/robots.txt", (SiteOrigin origin) => Results.Text(
            $"User-agent: *\nDisallow: /api/\nDisallow: /search\nSitemap: {Links.Absolute(origin, Links.Sitemap)}\n",
            "text/plain; charset=utf-8"));
        return app;
    }

    static int Bounded(IOptions<FeedSettings> settings) => Math.Clamp(settings.Value.Entries, 1, 1000);

    static int UrlsPerFile(IOptions<FeedSettings> settings) => Math.Clamp(settings.Value.SitemapUrlsPerFile, 1, 50_000);

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
