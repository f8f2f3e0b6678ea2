using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Home;

/// <summary>
/// /api/articles: the archive listing as JSON — every article with its page path, section links
/// and tags, in the archive's own script.
/// </summary>
public static class ArchiveApi
{
    public static IEndpointRouteBuilder MapArchiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.ArticlesApi, (ArticleStore articles, CancellationToken aborted) => Results.Json(new
        {
            articles = articles.ListArticles(aborted).Select(a => new
            {
                a.Slug, a.Title, a.Source, a.Published, a.Author, a.Summary,
                page = Links.Article(a.Slug),
                sections = a.Sections.Select(s => Links.SectionJson(a.Slug, s)),
                tags = a.Tags,
            }),
        })).RequireRateLimiting(Limits.Api);
        return app;
    }
}
