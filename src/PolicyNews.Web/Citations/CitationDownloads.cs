using System.Text;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Citations;

/// <summary>
/// An article's or a section's reference as a file for a reference manager, beside its page:
/// <c>/articles/{slug}/cite.bib</c>, <c>…/{section}/cite.ris</c>, <c>…/cite.json</c> (CSL-JSON). In the
/// reader's script like the page, dated with today's access, cached like a page.
/// </summary>
public static class CitationDownloads
{
    const string Format = "cite.{format:regex(^(bib|ris|json)$)}";

    public static IEndpointRouteBuilder MapCitationDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/articles/{slug}/" + Format,
            (string slug, string format, ArticleStore articles, SiteOrigin origin, DisplayPreferences display, CancellationToken aborted) =>
                articles.GetArticle(slug, aborted) is { } a
                    ? File(CitedWork.Of(a.Ref, null, origin, display, CitedWork.Today), format)
                    : Results.NotFound())
            .CachedAs(Dependence.DisplayChoice | Dependence.Day);
        app.MapGetAndHead("/articles/{slug}/{section}/" + Format,
            (string slug, string section, string format, ArticleStore articles, SiteOrigin origin, DisplayPreferences display, CancellationToken aborted) =>
                articles.GetSection(slug, section, aborted) is { } view
                    ? File(CitedWork.Of(view.Article, view.Section.Link, origin, display, CitedWork.Today), format)
                    : Results.NotFound())
            .CachedAs(Dependence.DisplayChoice | Dependence.Day);
        return app;
    }

    /// <summary>An attachment named after the work (<c>{slug}.bib</c>, <c>{slug}-{section id}.csl.json</c>).</summary>
    static IResult File(CitedWork work, string extension)
    {
        var format = CitationFormat.Of(extension)!;   // the route admits only known extensions
        return Results.File(Encoding.UTF8.GetBytes(format.Write(work)), format.ContentType, work.Id + format.FileSuffix);
    }
}
