using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.Home;

/// <summary>
/// /api/articles: the archive listing as JSON, with the page's parameters (source, type, tag, kind,
/// from, to, page; <see cref="ListingQuery"/>) plus pageSize (1 to <see cref="Paging.MaxSize"/>,
/// clamped): one page of articles with their page paths, section links and tags, the total, the
/// links to the next and previous pages, and the facets with the API link of each value. Text is in
/// the archive's own script or, with script=hans, in Simplified (<see cref="ApiScript"/>; filter
/// values and facet keys stay as the archive stores them, labels are converted). A parameter it
/// cannot read is a 400 problem; a page past the last a 404.
/// /api/articles.csv: every section of the archive as CSV (streamed, however large).
/// </summary>
public static class ArchiveApi
{
    public static IEndpointRouteBuilder MapArchiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.ArticlesApi, (ApiScript script, HttpRequest request, ListingStore listing, CancellationToken aborted) =>
        {
            var (filter, problem) = ListingQuery.ReadFilter(request.Query);
            var (page, pageProblem) = ListingQuery.ReadPage(request.Query);
            var pageSize = ListingStore.DefaultPageSize;
            if (!string.IsNullOrEmpty(request.Query["pageSize"]) && !int.TryParse(request.Query["pageSize"], out pageSize))
                problem ??= $"pageSize must be a whole number (1 to {Paging.MaxSize})";
            if ((problem ?? pageProblem) is { } bad)
                return Problems.Result(StatusCodes.Status400BadRequest, bad);

            var list = listing.Browse(filter, page, pageSize, withFacets: true, aborted);
            var paging = list.Paging;
            if (paging.IsPastEnd)
                return Problems.Result(StatusCodes.Status404NotFound, $"page {page} is past the last page ({paging.PageCount})");
            // The clamped size stays in the links, so that following next keeps the pages aligned.
            string Api(ArticleFilter f, int p) =>
                script.Link(Links.Listing(f, p, Links.ArticlesApi, paging.Size == ListingStore.DefaultPageSize ? null : paging.Size));
            object Values(Facet facet, IReadOnlyList<FacetValue> values) => values.Select(v => new
            {
                key = v.Key, label = script.Text(v.Label), count = v.Count, kind = v.Kind,
                api = Api(filter.With(facet, v.Key), 1),
                page = Links.Listing(filter.With(facet, v.Key)),
            });
            var facets = list.Facets!;
            return Results.Json(new
            {
                lang = script.Lang,
                filter = new { filter.Source, filter.Type, filter.Tag, filter.Kind, filter.From, filter.To },
                total = paging.Total,
                page = paging.Number,
                pageSize = paging.Size,
                pageCount = paging.PageCount,
                csv = script.Link(Links.ArticlesCsv),
                next = paging.HasNext ? Api(filter, paging.Number + 1) : null,
                prev = paging.HasPrevious ? Api(filter, paging.Number - 1) : null,
                articles = list.Articles.Select(a => new
                {
                    a.Slug, title = script.Text(a.Title), source = script.Text(a.Source), a.Published, author = script.Text(a.Author),
                    summary = script.Text(a.Summary), a.Type,
                    page = Links.Article(a.Slug),
                    json = script.Link(Links.ArticleApi(a.Slug)),
                    sections = a.Sections.Select(s => Links.SectionJson(a.Slug, script.Section(s))),
                    tags = script.Tags(a.Tags),
                }),
                facets = new
                {
                    type = Values(Facet.Type, facets.Types),
                    source = Values(Facet.Source, facets.Sources),
                    year = Values(Facet.Date, facets.Years),
                    month = Values(Facet.Date, facets.Months),
                    kind = Values(Facet.Kind, facets.Kinds),
                    tag = Values(Facet.Tag, facets.Tags),
                },
            });
        }).RequireRateLimiting(Limits.Api).WithSummary("The archive: a page of articles (newest first) with their sections and tags, filtered, with facets")
            .Answers(OpenApiDocuments.Json).InEitherScript();

        app.MapGetAndHead(Links.ArticlesCsv, (ApiScript script, SectionTextStore sections, SiteOrigin origin, CancellationToken aborted) =>
                SectionCsv.Stream("policynews-sections.csv", sections, SectionScope.All, origin, script, aborted))
            .RequireRateLimiting(Limits.Api).WithSummary("Every section of the archive as CSV, newest article first")
            .Answers(SectionCsv.ContentType).InEitherScript();
        return app;
    }
}
