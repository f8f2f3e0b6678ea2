using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Home;

/// <summary>
/// The archive listing as JSON — every article with its page path, section links and tags, in the
/// archive's own script — and every section of the archive as CSV (streamed, however large).
/// </summary>
public static class ArchiveApi
{
    public static IEndpointRouteBuilder MapArchiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.ArticlesApi, (ArticleStore articles, CancellationToken aborted) => Results.Json(new
        {
            csv = Links.ArticlesCsv,
            articles = articles.ListArticles(aborted).Select(a => new
            {
                a.Slug, a.Title, a.Source, a.Published, a.Author, a.Summary,
                page = Links.Article(a.Slug),
                json = Links.ArticleApi(a.Slug),
                sections = a.Sections.Select(s => Links.SectionJson(a.Slug, s)),
                tags = a.Tags,
            }),
        })).RequireRateLimiting(Limits.Api).WithSummary("The archive: every article with its sections and tags, newest first")
            .Answers(OpenApiDocuments.Json);

        app.MapGetAndHead(Links.ArticlesCsv, (SectionTextStore sections, SiteOrigin origin, CancellationToken aborted) =>
                SectionCsv.Stream("policynews-sections.csv", sections, SectionScope.All, origin, aborted))
            .RequireRateLimiting(Limits.Api).WithSummary("Every section of the archive as CSV, newest article first")
            .Answers(SectionCsv.ContentType);
        return app;
    }
}
