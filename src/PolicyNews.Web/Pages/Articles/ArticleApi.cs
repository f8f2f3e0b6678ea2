using PolicyNews.Archive.Text;
using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Articles;

/// <summary>
/// The article and section pages as JSON — an article with its sections, paragraphs, repairs, the
/// source's pinyin and tags; a section with its article and neighbours — in the archive's own
/// script, with page paths and permalinks; and an article's sections as CSV.
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
                    csv = Links.ArticleCsv(a.Slug),
                    tags = a.Tags,
                    sections = a.Sections.Select(s => Section(a.Slug, s)),
                })
                : Problems.Result(StatusCodes.Status404NotFound, $"no article '{slug}'"))
            .RequireRateLimiting(Limits.Api).WithSummary("An article: its sections, paragraphs, repairs, pinyin and tags")
            .Answers(OpenApiDocuments.Json, StatusCodes.Status404NotFound);

        app.MapGetAndHead(Links.ArticlesApi + "/{slug}/{section}", (string slug, string section, ArticleStore articles, CancellationToken aborted) =>
            articles.GetSection(slug, section, aborted) is { } v
                ? Results.Json(new
                {
                    article = new { v.Article.Slug, v.Article.Title, v.Article.Source, v.Article.Published, v.Article.Author, page = Links.Article(v.Article.Slug) },
                    section = Section(v.Article.Slug, v.Section),
                    previous = v.Previous is { } p ? Links.SectionJson(v.Article.Slug, p) : null,
                    next = v.Next is { } n ? Links.SectionJson(v.Article.Slug, n) : null,
                })
                : Problems.Result(StatusCodes.Status404NotFound, $"no section '{section}' in article '{slug}'"))
            .RequireRateLimiting(Limits.Api).WithSummary("A section, with its article and the sections before and after it")
            .Answers(OpenApiDocuments.Json, StatusCodes.Status404NotFound);

        app.MapGetAndHead(Links.ArticlesApi + "/{slug}.csv", (string slug, ArticleStore articles, SectionTextStore sections, SiteOrigin origin,
                CancellationToken aborted) =>
            articles.FindArticle(slug, aborted) is null
                ? Problems.Result(StatusCodes.Status404NotFound, $"no article '{slug}'")
                : SectionCsv.Stream($"{slug}.csv", sections, SectionScope.OfArticle(slug), origin, aborted))
            .RequireRateLimiting(Limits.Api).WithSummary("An article's sections as CSV, one row each with its whole text")
            .Answers(SectionCsv.ContentType, StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>A section as the article and section twins give it: its link, tags, and paragraphs with their marks.</summary>
    static object Section(string articleSlug, SectionView s) => new
    {
        link = Links.SectionJson(articleSlug, s.Link),
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
    };
}
