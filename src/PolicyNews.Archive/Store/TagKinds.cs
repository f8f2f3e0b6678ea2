namespace PolicyNews.Archive.Store;

/// <summary>A kind of tag: the key <c>tags.json</c> and the database use, and the name readers see.</summary>
public sealed record TagKind(string Key, string Name);

/// <summary>
/// The four kinds of tag, in the order every listing shows them: topics, people, organisations,
/// places. The taxonomy accepts only these keys, the store orders by them, the pages label them.
/// </summary>
public static class TagKinds
{
    public static IReadOnlyList<TagKind> All { get; } =
    [
        new("topic", "主題"),
        new("person", "人物"),
        new("organisation", "機構"),
        new("place", "地點"),
    ];

    public static bool IsKnown(string? key) => All.Any(k => k.Key == key);

    /// <summary>Position in listings; a key outside the list sorts with the last kind.</summary>
    public static int Rank(string key)
    {
        var index = All.ToList().FindIndex(k => k.Key == key);
        return index < 0 ? All.Count - 1 : index;
    }

    /// <summary>The name to show for a kind; an unknown key is shown as it is.</summary>
    public static string NameOf(string key) => All.FirstOrDefault(k => k.Key == key)?.Name ?? key;

    /// <summary>The same order as <see cref="Rank"/> as an SQL expression over a kind column.</summary>
    internal static string SqlRank(string column) =>
        $"CASE {column} {string.Concat(All.SkipLast(1).Select((k, i) => $"WHEN '{k.Key}' THEN {i} "))}ELSE {All.Count - 1} END";
}
