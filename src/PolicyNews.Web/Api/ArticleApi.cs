using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;
using PolicyNews.Web.Display;

namespace PolicyNews.Web.Api;

/// <summary>
/// JSON for programs: the article list and one article with its sections, paragraphs and tags,
/// in the archive's own script. Each item carries its page path (<c>page</c>) and section permalinks.
/// </summary>
public static class ArticleApi
{
    public static IEndpointRouteBuilder MapArticleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/articles", (ArticleStore articles) => Results.Json(new
        {
            articles = articles.ListArticles().Select(a => new
            {
                a.Slug, a.Title, a.Source, a.Published, a.Author, a.Summary,
                page = Links.Article(a.Slug),
                sections = a.Sections.Select(s => SectionLinkJson(a.Slug, s)),
                tags = a.Tags,
            }),
        }));
        api.MapGet("/articles/{slug}", (string slug, ArticleStore articles) =>
            articles.GetArticle(slug) is { } a
                ? Results.Json(new
                {
                    a.Slug, a.Title, a.Source, a.Published, a.Author, a.AuthorNote, a.Editor, sourceUrl = a.Url, a.Script, a.Summary,
                    page = Links.Article(a.Slug),
                    tags = a.Tags,
                    sections = a.Sections.Select(s => new
                    {
                        link = SectionLinkJson(a.Slug, s.Link),
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
                : Results.Json(new { error = $"no article '{slug}'" }, statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    static object SectionLinkJson(string articleSlug, SectionLink s) => new
    {
        id = s.StableId, s.Slug, s.Ordinal, heading = s.Heading,
        page = Links.Section(articleSlug, s.Slug),
        permalink = Links.Permalink(s.StableId),
    };
}
