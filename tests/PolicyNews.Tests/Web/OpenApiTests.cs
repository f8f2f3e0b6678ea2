using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The OpenAPI document at /api/openapi.json matches the API: every documented operation answers as
/// documented (status and media type, for a known and an unknown resource), every /api/ route is
/// documented, and the /api-docs page lists every operation.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OpenApiTests(PortalFixture portal)
{
    const string Document = "/api/openapi.json";

    async Task<JsonDocument> Load() => JsonDocument.Parse(await portal.Client().GetStringAsync(Document));

    static IEnumerable<(string Path, JsonElement Operation)> Gets(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out _))
            .Select(p => (p.Name, p.Value.GetProperty("get")));

    /// <summary>The path with its parameters filled from the seed archive, or with names nothing has.</summary>
    async Task<string> Fill(string path, bool known)
    {
        var article = await portal.Page($"/articles/{SeedArchive.Replicated}");
        var section = article.QuerySelector("a.section-page-link")!.GetAttribute("href")!.Split('/').Last();
        var tag = article.QuerySelector("a.tag-chip")!.GetAttribute("href")!.Split('/').Last();
        return path
            .Replace("{slug}", known ? path.StartsWith("/api/tags") ? tag : SeedArchive.Replicated : "no-such-thing")
            .Replace("{section}", known ? section : "no-such-section");
    }

    [Fact]
    public async Task EveryDocumentedOperationAnswersAsDocumented()
    {
        using var document = await Load();
        var operations = Gets(document).ToList();
        Assert.True(operations.Count >= 9, $"only {operations.Count} operations documented");

        foreach (var (path, operation) in operations)
        {
            var responses = operation.GetProperty("responses");
            var query = operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "q") ? "?q=" + Uri.EscapeDataString("創新") : "";
            var cases = new List<string> { await Fill(path, known: true) + query };
            if (path.Contains('{'))
                cases.Add(await Fill(path, known: false));
            foreach (var url in cases)
            {
                using var response = await portal.Client().GetAsync(url);
                var status = ((int)response.StatusCode).ToString();
                Assert.True(responses.TryGetProperty(status, out var documented), $"GET {url} answered {status}, which {path} does not document");
                var types = documented.TryGetProperty("content", out var content) ? content.EnumerateObject().Select(c => c.Name.Split(';')[0]).ToList() : [];
                Assert.Contains(response.Content.Headers.ContentType?.MediaType, types);
            }
            Assert.True(responses.TryGetProperty("200", out _), $"{path} documents no success");
        }
    }

    [Fact]
    public async Task EveryOperationDocumentsItsScriptParameterAndItsValues()
    {
        using var document = await Load();

        foreach (var (path, operation) in Gets(document))
        {
            var script = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "script");
            Assert.Equal("query", script.GetProperty("in").GetString());
            Assert.Equal(["hant", "hans"], script.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
            Assert.True(operation.GetProperty("responses").TryGetProperty("400", out _), $"{path} does not document the 400 for a bad script");
        }
    }

    [Fact]
    public async Task EveryApiRouteIsDocumented()
    {
        using var document = await Load();
        var documented = Gets(document).Select(o => o.Path).ToHashSet();

        var routes = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/") && p != Document)
            .Distinct().ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route, documented));
    }

    [Fact]
    public async Task TheApiPageListsEveryDocumentedOperation()
    {
        using var document = await Load();
        var page = await portal.Page("/api-docs");

        Assert.Equal(Gets(document).Select(o => $"GET {o.Path}").Order(),
            page.QuerySelectorAll(".api-operation h2 code").Select(c => c.TextContent.Trim()).Order());
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == Document);
    }
}
