using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>
/// What an editor knows about a source file that the file itself does not say reliably. Kept in
/// <c>articles.json</c> beside the source files, keyed by file name, so it can be edited by hand.
/// </summary>
/// <param name="Published">ISO date as precise as known: <c>2025</c>, <c>2025-03</c> or <c>2025-03-10</c>.</param>
/// <param name="Author">Reporter or author by name; null when unknown (the source's own byline line is kept separately).</param>
/// <param name="Url">The original address; null when unknown.</param>
/// <param name="Type">The kind of document (<see cref="ArticleTypes"/>): news report unless said otherwise.</param>
public sealed record ArticleMetadata(
    string Slug,
    string Title,
    string? Source = null,
    string? Published = null,
    string? Author = null,
    string? Editor = null,
    string? Url = null,
    string Script = "zh-Hant",
    string Type = ArticleTypes.Default);

/// <summary>Reads and checks <c>articles.json</c>.</summary>
public static partial class ArticleMetadataFile
{
    public const string FileName = "articles.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,  // editors leave notes
        AllowTrailingCommas = true,
    };

    /// <summary>Metadata by source file name; throws <see cref="SourceRejectedException"/> naming the file and the entry at fault.</summary>
    public static IReadOnlyDictionary<string, ArticleMetadata> Load(string path)
    {
        Dictionary<string, ArticleMetadata>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<Dictionary<string, ArticleMetadata>>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new SourceRejectedException(path, $"unreadable metadata: {ex.Message}");
        }
        if (entries is null)
            throw new SourceRejectedException(path, "metadata file holds null; expected an object keyed by file name");

        foreach (var (file, meta) in entries)
        {
            var problem = Check(meta);
            if (problem is not null)
                throw new SourceRejectedException(path, $"entry '{file}': {problem}");
        }
        var duplicate = entries.GroupBy(e => e.Value.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SourceRejectedException(path, $"slug '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(e => e.Key))}");
        return entries;
    }

    static string? Check(ArticleMetadata? meta) => meta switch
    {
        null => "is null",
        { Slug: var s } when s is null || !Slugs.IsValid(s) => $"slug '{s}' must be lowercase ASCII words joined by hyphens",
        { Title: var t } when string.IsNullOrWhiteSpace(t) => "title is missing",
        { Published: { } p } when !IsoDate().IsMatch(p) => $"published '{p}' is not an ISO date (yyyy, yyyy-mm or yyyy-mm-dd)",
        { Type: var t } when !ArticleTypes.IsKnown(t) => $"type '{t}' is not one of {string.Join(", ", ArticleTypes.All.Select(k => k.Key))}",
        { Url: { } u } when !Uri.TryCreate(u, UriKind.Absolute, out _) => $"url '{u}' is not an absolute address",
        { } m => ControlCharacters.Problem("title", m.Title) ?? ControlCharacters.Problem("source", m.Source)
            ?? ControlCharacters.Problem("author", m.Author) ?? ControlCharacters.Problem("editor", m.Editor),
    };

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    private static partial Regex IsoDate();
}
