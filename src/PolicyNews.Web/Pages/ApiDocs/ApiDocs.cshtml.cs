using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PolicyNews.Web.Hosting;

namespace PolicyNews.Web.Pages.ApiDocs;

/// <summary>
/// /api-docs: the JSON API's OpenAPI document (<see cref="Links.OpenApi"/>) as a page — every operation
/// with its parameters and answers — rendered on the server from the same document the framework
/// serves, so the page and the document cannot disagree (and no script from elsewhere is needed).
/// </summary>
public sealed class ApiDocsModel : PageModel
{
    public sealed record Parameter(string Name, string In, bool Required, string Type, string? Description);
    public sealed record Answer(string Status, string Description, IReadOnlyList<string> ContentTypes);
    public sealed record Operation(string Method, string Path, string? Summary, IReadOnlyList<Parameter> Parameters, IReadOnlyList<Answer> Answers);

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var document = await HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(OpenApiDocuments.Name)
            .GetOpenApiDocumentAsync(HttpContext.RequestAborted);
        Operations = OpenApiDocuments.Operations(document)
            .Where(o => o.Method == HttpMethod.Get)   // HEAD answers as GET does, without the body
            .Select(o => new Operation(o.Method.Method, o.Path, o.Operation.Summary,
                (o.Operation.Parameters ?? []).Select(p => new Parameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "",
                    p.Required, p.Schema?.Type?.ToString().ToLowerInvariant() ?? "string", p.Description)).ToList(),
                (o.Operation.Responses ?? []).Select(r => new Answer(r.Key, r.Value.Description ?? "",
                    r.Value.Content?.Keys.ToList() ?? [])).ToList()))
            .ToList();
    }
}
