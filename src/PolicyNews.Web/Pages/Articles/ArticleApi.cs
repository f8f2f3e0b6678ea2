using PolicyNews.Archive.Text;
using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Articles;

/// <summary>
/// The article and section pages as JSON — an article with its sections, paragraphs, repairs, the
/// source's pinyin and tags; a section with its article and neighbours — in the archive's own
/// script or in Simplified (<see cref="ApiScript"/>), with page paths and permalinks; and an
/// article's sections as CSV.
/// </summary>
public static class ArticleApi
{
    public static IEndpointRouteBuilder MapArticleApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.ArticlesApi + "/{slug}", (string slug, ApiScript script, ArticleStore articles, CancellationToken aborted) =>
            articles.GetArticle(slug, aborted) is { } a
                ? Results.Json(new
                {
                    lang = script.Lang,
                    a.Slug, title = script.Text(a.Title), source = script.Text(a.Source), a.Published, author = script.Text(a.Author),
                    authorNote = script.Text(a.AuthorNote), editor = script.Text(a.Editor), sourceUrl = a.Url, a.Script, summary = script.Text(a.Summary),
                    page = Links.Article(a.Slug),
                    csv = script.Link(Links.ArticleCsv(a.Slug)),
                    tags = script.Tags(a.Tags),
                    sections = a.Sections.Select(s => Section(a.Slug, s, script)),
                })
                : Problems.Result(StatusCodes.Status404NotFound, $"no article '{slug}'"))
            .RequireRateLimiting(Limits.Api).WithSummary("An article: its sections, paragraphs, repairs, pinyin and tags")
            .Answers(OpenApiDocuments.Json, StatusCodes.Status404NotFound).InEitherScript();

        app.MapGetAndHead(Links.ArticlesApi + "/{slug}/{section}", (string slug, string section, ApiScript script, ArticleStore articles, CancellationToken aborted) =>
        {
            if (articles.GetSection(slug, section, aborted) is not { } v)
                return Problems.Result(StatusCodes.Status404NotFound, $"no section '{section}' in article '{slug}'");
            var article = script.Article(v.Article);
            return Results.Json(new
            {
                lang = script.Lang,
                article = new { article.Slug, article.Title, article.Source, article.Published, article.Author, page = Links.Article(article.Slug) },
                section = Section(v.Article.Slug, v.Section, script),
                previous = v.Previous is { } p ? Links.SectionJson(v.Article.Slug, script.Section(p)) : null,
                next = v.Next is { } n ? Links.SectionJson(v.Article.Slug, script.Section(n)) : null,
            });
        })
            .RequireRateLimiting(Limits.Api).WithSummary("A section, with its article and the sections before and after it")
            .Answers(OpenApiDocuments.Json, StatusCodes.Status404NotFound).InEitherScript();

        app.MapGetAndHead(Links.ArticlesApi + "/{slug}.csv", (string slug, ApiScript script, ArticleStore articles, SectionTextStore sections, SiteOrigin origin,
                CancellationToken aborted) =>
            articles.FindArticle(slug, aborted) is null
                ? Problems.Result(StatusCodes.Status404NotFound, $"no article '{slug}'")
                : SectionCsv.Stream($"{slug}.csv", sections, SectionScope.OfArticle(slug), origin, script, aborted))
            .RequireRateLimiting(Limits.Api).WithSummary("An article's sections as CSV, one row each with its whole text")
            .Answers(SectionCsv.ContentType, StatusCodes.Status404NotFound).InEitherScript();
        return app;
    }

    /// <summary>
    /// A section as the article and section twins give it: its link, tags, and paragraphs with their
    /// marks, in the answer's script (offsets into the text as the answer gives it).
    /// </summary>
    static object Section(string articleSlug, SectionView s, ApiScript script) => new
    {
        link = Links.SectionJson(articleSlug, script.Section(s.Link)),
        tags = script.Tags(s.Tags),
        paragraphs = s.Paragraphs.Select(p => Paragraph(p, script)),
    };

    static object Paragraph(ParagraphView p, ApiScript script)
    {
        var (text, marks) = script.Marked(p.Text, p.Marks);
        return new
        {
            id = p.StableId, kind = EnumWords.Of(p.Kind), p.ItemNumber, text,
            repairs = marks.Repairs.Select(r => new
            {
                r.Offset, r.Length, r.Original, r.Replacement,
                confidence = EnumWords.Of(r.Confidence), r.LostBytes,
            }),
            pinyin = marks.Annotations,
        };
    }
}
