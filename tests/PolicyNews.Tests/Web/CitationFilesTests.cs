using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Dom;
using PolicyNews.Tests.Search;

namespace PolicyNews.Tests.Web;

/// <summary>
/// The reference files a page links to (BibTeX, RIS, CSL-JSON), followed from the page and read by
/// real parsers (<see cref="CitationCheck"/>): what they read must be what the page's own citation
/// tags say — title, author, publication, date, URL — in the page's script.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CitationFilesTests(PortalFixture portal)
{
    const string Report = SeedArchive.Replicated;   // author, source, 2025-03
    const string Essay = SeedArchive.Lessons;       // no author

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var page in new[] { $"/articles/{Report}", $"/articles/{Essay}", "section", $"/articles/{Report}?script=hans" })
        {
            data.Add(page, "BibTeX", "biblatex");
            data.Add(page, "BibTeX", "bibtex");
            data.Add(page, "RIS", "ris");
            data.Add(page, "CSL-JSON", "csl");
        }
        return data;
    }

    [CitationCheckTheory]
    [MemberData(nameof(Cases))]
    public async Task ADownloadReadsBackAsWhatThePageCites(string pageUrl, string format, string parser)
    {
        var client = portal.Client();
        if (pageUrl == "section")   // a headed section of the report, as its article page links it
            pageUrl = (await portal.Page(client, $"/articles/{Report}")).QuerySelectorAll("a.section-page-link")[1].GetAttribute("href")!;
        var page = await portal.Page(client, pageUrl);
        string? Meta(string name) => page.QuerySelector($"meta[name='{name}']")?.GetAttribute("content");

        var link = page.QuerySelectorAll(".cite-downloads a").Single(a => a.TextContent.Trim() == format);
        using var response = await client.GetAsync(link.GetAttribute("href"));
        var content = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(link.GetAttribute("type"), response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith(new Uri(portal.Server.BaseAddress, pageUrl).Segments[2].TrimEnd('/'), response.Content.Headers.ContentDisposition.FileNameStar);

        var (items, apa) = await CitationCheck.ReadAsync(parser, content);
        var item = Assert.Single(items.EnumerateArray());
        Assert.Equal(Meta("citation_title"), item.GetProperty("title").GetString());
        Assert.Equal(Meta("citation_journal_title"), item.GetProperty("container-title").GetString());
        Assert.Equal(Meta("citation_public_url"), item.GetProperty("URL").GetString());
        var parts = parser == "ris" ? 1 : 3;   // Citation.js reads a newspaper's RIS date from PY, the year only
        Assert.Equal(Meta("citation_publication_date")!.Split('/').Select(int.Parse).Take(parts),
            item.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(p => p.GetInt32()));
        // RIS calls a newspaper article's author its reporter (Citation.js follows the spec); one literal name everywhere.
        var names = new[] { "author", "reporter" }.Where(role => item.TryGetProperty(role, out _))
            .SelectMany(role => item.GetProperty(role) is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [item.GetProperty(role)])
            .Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()
                : n.TryGetProperty("literal", out var literal) ? literal.GetString() : n.GetProperty("family").GetString());
        Assert.Equal(Meta("citation_author") is { } author ? [author] : [], names);
        Assert.Contains(Meta("citation_title")!, apa);   // and citeproc-js formats it
    }

    /// <summary>Text that BibTeX and RIS give a meaning to comes back as it was: escaped, never ending a field or a line.</summary>
    [CitationCheckTheory]
    [InlineData("biblatex", "50% & more: {braces}, $x_1$ #1 ~ ^ \\ 完")]
    [InlineData("bibtex", "一個}標題{與 \\end")]
    [InlineData("ris", "第一行\nER  - \r\n第二行")]
    [InlineData("csl", "「引號」\"quoted\" </script>")]
    public async Task SpecialCharactersSurviveTheRoundTrip(string parser, string title)
    {
        var work = new PolicyNews.Web.Citations.CitedWork("x", title, "趙廣立", "中國科學報", "2025-03-10", "https://example.org/s/x", "zh-Hant", new(2026, 12, 2));
        var format = parser switch { "ris" => PolicyNews.Web.Citations.CitationFormat.Ris, "csl" => PolicyNews.Web.Citations.CitationFormat.CslJson, _ => PolicyNews.Web.Citations.CitationFormat.BibTeX };

        var (items, _) = await CitationCheck.ReadAsync(parser, format.Write(work));

        var read = Assert.Single(items.EnumerateArray()).GetProperty("title").GetString();
        // RIS has no escapes: a value is kept to one line and spaces are collapsed, so nothing in it reads as a tag.
        Assert.Equal(parser == "ris" ? System.Text.RegularExpressions.Regex.Replace(title, @"\s+", " ") : title, read);
    }

    [Fact]
    public async Task CslJsonHoldsOnlyWhatTheCslDataSchemaDefines()
    {
        var client = portal.Client();
        var page = await portal.Page(client, $"/articles/{Report}");
        var link = page.QuerySelectorAll(".cite-downloads a").Single(a => a.TextContent.Trim() == "CSL-JSON");

        var json = await client.GetStringAsync(link.GetAttribute("href"));

        var item = Assert.Single(JsonSerializer.Deserialize<CslItem[]>(json, Strict)!);
        Assert.Equal("article-newspaper", item.Type);
        Assert.Equal("趙廣立", Assert.Single(item.Author!).Literal);
        Assert.Equal([[2025, 3]], item.Issued!.DateParts);
        Assert.Equal(3, item.Accessed!.DateParts[0].Length);
        Assert.Equal("zh-Hant", item.Language);
    }

    [Theory]
    [InlineData($"/articles/{Report}/cite.txt")]
    [InlineData($"/articles/no-such-article/cite.bib")]
    [InlineData($"/articles/{Report}/no-such-section/cite.ris")]
    public async Task UnknownFormatsAndWorksAreNotFound(string url)
    {
        using var response = await portal.Client().GetAsync(url);

        Assert.Equal(404, (int)response.StatusCode);
    }

    // CSL-JSON (citation-style-language/schema, csl-data.json) as types: unknown members are refused,
    // so a field the schema does not define fails here.
    static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    sealed record CslItem(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("URL")] string Url,
        [property: JsonPropertyName("author")] CslName[]? Author = null,
        [property: JsonPropertyName("container-title")] string? ContainerTitle = null,
        [property: JsonPropertyName("issued")] CslDate? Issued = null,
        [property: JsonPropertyName("accessed")] CslDate? Accessed = null,
        [property: JsonPropertyName("language")] string? Language = null,
        [property: JsonPropertyName("archive")] string? Archive = null);

    sealed record CslName(
        [property: JsonPropertyName("family")] string? Family = null,
        [property: JsonPropertyName("given")] string? Given = null,
        [property: JsonPropertyName("literal")] string? Literal = null);

    sealed record CslDate([property: JsonPropertyName("date-parts")] int[][] DateParts);
}
