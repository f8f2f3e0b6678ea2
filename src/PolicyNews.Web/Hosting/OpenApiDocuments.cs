using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace PolicyNews.Web.Hosting;

/// <summary>
/// The JSON API described by the framework's OpenAPI generator (<c>Microsoft.AspNetCore.OpenApi</c>):
/// every endpoint under /api/ as its handler declares it (parameters from the handler, answers from
/// its <c>Produces</c>), served at <see cref="Links.OpenApi"/> and shown by the /api-docs page.
/// </summary>
public static class OpenApiDocuments
{
    /// <summary>The one document's name (the framework's default).</summary>
    public const string Name = "v1";

    public static WebApplicationBuilder AddApiDescription(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(Name, o =>
        {
            // Feeds, the sitemap and robots.txt are minimal endpoints too, but not the API.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "PolicyNews",
                    Version = "1",
                    Description = "Every page of the archive as JSON, lists of sections as CSV (UTF-8 with BOM), in the archive's own script (Traditional) "
                        + "or, with script=hans, in Simplified: text, titles, headings, tag names, snippets and labels converted, the offsets of "
                        + "repairs and pinyin pointing into the converted text; slugs, filter values, facet keys, the query and a repair's original "
                        + "stay as stored. Errors are RFC 9457 problem details.",
                };
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder app)
    {
        // MapOpenApi maps GET alone; like every endpoint here it answers HEAD too (the matcher takes the last method metadata).
        app.MapOpenApi(Links.OpenApi).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).RequireRateLimiting(Limits.Api);
        return app;
    }

    /// <summary>
    /// Declares what an API endpoint answers, for the document: 200 with JSON (or <paramref name="contentType"/>),
    /// and a problem (RFC 9457) for each of <paramref name="problems"/>.
    /// </summary>
    public static RouteHandlerBuilder Answers(this RouteHandlerBuilder endpoint, string contentType, params int[] problems) =>
        problems.Aggregate(endpoint.Produces(StatusCodes.Status200OK, contentType == Json ? typeof(System.Text.Json.JsonElement) : typeof(string), contentType),
            (e, status) => e.ProducesProblem(status));

    public const string Json = "application/json";

    /// <summary>Every operation in the document, with its path and method.</summary>
    public static IEnumerable<(string Path, HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        from path in document.Paths
        from op in path.Value.Operations ?? []
        select (path.Key, op.Key, op.Value);
}
