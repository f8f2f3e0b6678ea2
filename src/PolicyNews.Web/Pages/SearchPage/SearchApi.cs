using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.SearchPage;

/// <summary>
/// /api/search: the search page's results as JSON, same parameters (q, tag, article, sort, page,
/// count, and the archive's source, type, from and to) plus pageSize and script (titles, headings and
/// snippets in Simplified with hans; the query and its terms stay as typed). Past the limit where a search stops counting, totalIsExact is false,
/// totalHits is that limit and pageCount is null; hasNext always says whether another page exists.
/// A parameter it cannot read (page or pageSize not a whole number, page below 1, an unknown sort or
/// count) is a 400 problem; a pageSize outside 1..MaxPageSize is clamped, and the JSON says so.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead(Links.SearchApi, (string? q, string? tag, string? article, string? sort, string? page, string? count, string? pageSize,
            ApiScript script, HttpRequest http, SearchStore search, CancellationToken cancellationToken) =>
        {
            var read = Read(http, q, tag, article, sort, page, count, pageSize);
            if (read is not ({ } form, { } request, _))
                return Problems.Result(StatusCodes.Status400BadRequest, read.Problem!);
            var results = search.Search(request, cancellationToken);
            string ApiPage(int p) => script.Link((form with { Page = p }).Url(Links.SearchApi, results.PageSize));
            return Results.Json(new
            {
                lang = script.Lang,
                query = results.Query.Text,
                status = results.Query.Status.ToString().ToLowerInvariant(),
                truncated = results.Query.Truncated,
                terms = results.Query.Terms.Select(t => new { t.Text, phrase = t.IsPhrase, excluded = t.IsExcluded }),
                totalHits = results.TotalHits,
                totalIsExact = results.TotalIsExact,
                page = results.Page,
                pageSize = results.PageSize,
                pageCount = results.PageCount,
                hasNext = results.HasNext,
                next = results.HasNext ? ApiPage(results.Page + 1) : null,
                prev = results.HasPrevious ? ApiPage(results.Page - 1) : null,
                csv = Links.SearchCsv + http.QueryString,
                articles = results.Articles.Select(g => new
                {
                    slug = g.Article.Slug,
                    title = script.Text(g.Article.Title),
                    published = g.Article.Published,
                    hits = g.Hits.Select(h => new
                    {
                        section = h.Section.StableId,
                        heading = script.Text(h.Section.Heading),
                        page = Links.Hit(g.Article, h),
                        permalink = Links.Permalink(h.Section.StableId),
                        paragraph = h.ParagraphId,
                        score = h.Score,
                        snippet = script.Segments(h.Snippet.Segments).Select(x => new { text = x.Text, match = x.IsMatch }),
                        labels = h.Labels.Select(l => new { kind = l.Kind, segments = script.Segments(l.Segments).Select(x => new { text = x.Text, match = x.IsMatch }) }),
                    }),
                }),
            });
        }).WithSummary("Search at section level: one page of hits grouped by article, with snippets")
            .Answers(OpenApiDocuments.Json, StatusCodes.Status400BadRequest).InEitherScript()
            .RequireRateLimiting(Limits.Search).WithRequestTimeout(Limits.Search);

        // The same page of hits as CSV, one row per hit section with its whole text, in the page's order.
        app.MapGetAndHead(Links.SearchCsv, (string? q, string? tag, string? article, string? sort, string? page, string? count, string? pageSize,
            ApiScript script, HttpRequest http, SearchStore search, SectionTextStore sections, SiteOrigin origin, CancellationToken cancellationToken) =>
        {
            var read = Read(http, q, tag, article, sort, page, count, pageSize);
            if (read is not (_, { } request, _))
                return Problems.Result(StatusCodes.Status400BadRequest, read.Problem!);
            var hits = search.Search(request, cancellationToken).Hits.Select(h => h.Section.StableId).ToList();
            return SectionCsv.Result("search.csv", origin, script, row =>
            {
                var texts = hits.Count == 0 ? [] : sections.List(SectionScope.WithIds(hits), cancellationToken).ToDictionary(s => s.Section.StableId);
                foreach (var id in hits.Where(texts.ContainsKey))
                    row(texts[id]);
            });
        }).WithSummary("One page of search hits as CSV, one row per section with its whole text")
            .Answers(SectionCsv.ContentType, StatusCodes.Status400BadRequest).InEitherScript()
            .RequireRateLimiting(Limits.Search).WithRequestTimeout(Limits.Search);
        return app;
    }

    /// <summary>
    /// The search the parameters ask for (with the archive's filters), or what is wrong with the first
    /// of them that cannot be read (then form and request are null).
    /// </summary>
    static (SearchForm? Form, SearchRequest? Request, string? Problem) Read(HttpRequest http, string? q, string? tag, string? article, string? sort,
        string? page, string? count, string? pageSize)
    {
        var (articles, articlesProblem) = SearchForm.ReadArticles(http.Query);
        if ((BadParameter(sort, page, count, pageSize) ?? articlesProblem) is { } problem)
            return (null, null, problem);
        var form = SearchForm.From(q, tag, article, sort, page, count) with { Articles = articles };
        var request = form.ToRequest();
        // The store clamps the page size (1..MaxPageSize); the JSON reports the size it used.
        return (form, int.TryParse(pageSize, out var s) ? request with { PageSize = s } : request, null);
    }

    /// <summary>What is wrong with the parameters, or null. Absent or empty means the default.</summary>
    static string? BadParameter(string? sort, string? page, string? count, string? pageSize)
    {
        if (!string.IsNullOrEmpty(sort) && !sort.Equals("relevance", StringComparison.OrdinalIgnoreCase) && !sort.Equals("newest", StringComparison.OrdinalIgnoreCase))
            return "sort must be 'relevance' or 'newest'";
        if (!string.IsNullOrEmpty(page) && !(int.TryParse(page, out var p) && p >= 1))
            return "page must be a whole number from 1";
        if (!string.IsNullOrEmpty(count) && !count.Equals("all", StringComparison.OrdinalIgnoreCase))
            return "count must be 'all' (or absent)";
        if (!string.IsNullOrEmpty(pageSize) && !int.TryParse(pageSize, out _))
            return $"pageSize must be a whole number (1 to {SearchStore.MaxPageSize})";
        return null;
    }
}
