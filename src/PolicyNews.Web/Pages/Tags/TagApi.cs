using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Tags;

/// <summary>
/// The tag pages as JSON — the tag index with counts, a tag with the sections it tags — and a tag's
/// sections as CSV, in the archive's own script or in Simplified (<see cref="ApiScript"/>).
/// </summary>
public static class TagApi
{
    public static IEndpointRouteBuilder MapTagApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.TagsApi, (ApiScript script, TagStore tags, CancellationToken aborted) => Results.Json(new
        {
            lang = script.Lang,
            tags = tags.ListTags(aborted).Select(t => new
            {
                t.Slug, name = script.Text(t.Name), t.Kind, kindName = script.Text(TagKinds.NameOf(t.Kind)), t.SectionCount, t.ArticleCount,
                page = Links.Tag(t.Slug), json = script.Link(Links.TagApi(t.Slug)),
            }),
        })).RequireRateLimiting(Limits.Api).WithSummary("Every tag, grouped by kind, with how many sections and articles carry it")
            .Answers(OpenApiDocuments.Json).InEitherScript();

        app.MapGetAndHead(Links.TagsApi + "/{slug}", (string slug, ApiScript script, HttpRequest request, TagStore tags, CancellationToken aborted) =>
        {
            var (page, problem) = ListingQuery.ReadPage(request.Query);
            if (problem is not null)
                return Problems.Result(StatusCodes.Status400BadRequest, problem);
            if (tags.GetTag(slug, page, cancellationToken: aborted) is not { } t)
                return Problems.Result(StatusCodes.Status404NotFound, $"no tag '{slug}'");
            var paging = t.Paging;
            if (paging.IsPastEnd)
                return Problems.Result(StatusCodes.Status404NotFound, $"page {page} is past the last page ({paging.PageCount})");
            return Results.Json(new
            {
                lang = script.Lang,
                t.Slug, name = script.Text(t.Name), t.Kind, kindName = script.Text(TagKinds.NameOf(t.Kind)), aliases = t.Aliases.Select(script.Text),
                page = Links.Tag(t.Slug, paging.Number), csv = script.Link(Links.TagCsv(t.Slug)), feed = Links.TagFeed(t.Slug),
                total = paging.Total, pageNumber = paging.Number, pageSize = paging.Size, pageCount = paging.PageCount,
                next = paging.HasNext ? script.Link(Links.TagApi(t.Slug, paging.Number + 1)) : null,
                prev = paging.HasPrevious ? script.Link(Links.TagApi(t.Slug, paging.Number - 1)) : null,
                sections = t.Sections.Select(s => new
                {
                    article = new
                    {
                        s.Article.Slug, title = script.Text(s.Article.Title), source = script.Text(s.Article.Source), s.Article.Published,
                        page = Links.Article(s.Article.Slug),
                    },
                    section = Links.SectionJson(s.Article.Slug, script.Section(s.Section)),
                    excerpt = script.Text(s.Excerpt),
                }),
            });
        }).RequireRateLimiting(Limits.Api).WithSummary("A tag and a page of the sections it tags (50 a page, newest article first), with next/prev links")
            .Answers(OpenApiDocuments.Json, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).InEitherScript();

        app.MapGetAndHead(Links.TagsApi + "/{slug}.csv", (string slug, ApiScript script, TagStore tags, SectionTextStore sections, SiteOrigin origin,
                CancellationToken aborted) =>
            tags.FindTag(slug, aborted) is null
                ? Problems.Result(StatusCodes.Status404NotFound, $"no tag '{slug}'")
                : SectionCsv.Stream($"{slug}.csv", sections, SectionScope.OfTag(slug), origin, script, aborted))
            .RequireRateLimiting(Limits.Api).WithSummary("The sections a tag tags as CSV, one row each with its whole text")
            .Answers(SectionCsv.ContentType, StatusCodes.Status404NotFound).InEitherScript();
        return app;
    }
}
