namespace PolicyNews.Archive.Store;

/// <summary>A kind of document: the key <c>articles.json</c>, the database and URLs use, and the name readers see.</summary>
public sealed record ArticleType(string Key, string Name);

/// <summary>
/// The document types the archive knows, in the order the facets list them (what gov.cn's policy
/// library distinguishes, and what a newsroom archive holds). <c>articles.json</c> accepts only
/// these keys; an entry without one is a news report.
/// </summary>
public static class ArticleTypes
{
    public const string Default = "news";

    public static IReadOnlyList<ArticleType> All { get; } =
    [
        new("news", "新聞報道"),
        new("commentary", "評論"),
        new("policy-document", "政策文件"),
        new("speech", "講話"),
        new("interview", "訪談"),
    ];

    public static bool IsKnown(string? key) => All.Any(t => t.Key == key);

    /// <summary>The name to show for a type; an unknown key is shown as it is.</summary>
    public static string NameOf(string key) => All.FirstOrDefault(t => t.Key == key)?.Name ?? key;
}
