using PolicyNews.Archive.Text;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Articles;

/// <summary>
/// /api/articles/{slug}: the article page as JSON — one article with its sections, paragraphs,
/// repairs, the source's pinyin and tags, in the archive's own script, with page paths and permalinks.
/// </summary>
public static class ArticleApi
{
    public static IEndpointRouteBuilder MapArticleApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.ArticlesApi + "/{slug}", (string slug, ArticleStore articles, CancellationToken aborted) =>
            articles.GetArticle(slug, aborted) is { } a
                ? Results.Json(new
                {
                    a.Slug, a.Title, a.Source, a.Published, a.Author, a.AuthorNote, a.Editor, sourceUrl = a.Url, a.Script, a.Summary,
                    page = Links.Article(a.Slug),
                    tags = a.Tags,
                    sections = a.Sections.Select(s => new
                    {
                        link = Links.SectionJson(a.Slug, s.Link),
                        s.Tags,
                        paragraphs = s.Paragraphs.Select(p => new
                        {
                            id = p.StableId, kind = EnumWords.Of(p.Kind), p.ItemNumber, p.Text,
                            repairs = p.Marks.Repairs.Select(r => new
                            {
                                r.Offset, r.Length, r.Original, r.Replacement,
                                confidence = EnumWords.Of(r.Confidence), r.LostBytes,
                            }),
                            pinyin = p.Marks.Annotations,
                        }),
                    }),
                })
                : Problems.Result(StatusCodes.Status404NotFound, $"no article '{slug}'"))
            .RequireRateLimiting(Limits.Api);
        return app;
    }
}
