using System.Web;

namespace PolicyNews.Tests.Web;

/// <summary>
/// What a filter must keep, decided from what the generator wrote, never from the portal: source
/// and type equal, the tag among the article's, some tag of the kind, and the date within from and
/// to, both inclusive, as (year, month, day) with an unknown part as 0 — so from=2025-03 leaves out
/// an article dated just 2025 — and to standing for every date it covers (to=2025-03: through March 31).
/// </summary>
public static class BrowsingOracle
{
    public static IReadOnlyList<GeneratedArchive.Article> Keep(GeneratedArchive archive, string query)
    {
        var q = HttpUtility.ParseQueryString(query);
        string? V(string key) => string.IsNullOrEmpty(q[key]) ? null : q[key];
        var kinds = GeneratedArchive.Tags.ToDictionary(t => t.Slug, t => t.Kind);
        return archive.Articles.Where(a =>
                (V("source") is not { } source || a.Source == source)
                && (V("type") is not { } type || a.Type == type)
                && (V("tag") is not { } tag || a.Tags.Contains(tag))
                && (V("kind") is not { } kind || a.Tags.Any(t => kinds[t] == kind))
                && (V("from") is not { } from || (a.Published is { } p1 && Day(p1, 0).CompareTo(Day(from, 0)) >= 0))
                && (V("to") is not { } to || (a.Published is { } p2 && Day(p2, 0).CompareTo(Day(to, 99)) <= 0)))
            .ToList();
    }

    static (int Year, int Month, int Day) Day(string iso, int unknown)
    {
        var parts = iso.Split('-').Select(int.Parse).ToArray();
        return (parts[0], parts.Length > 1 ? parts[1] : unknown, parts.Length > 2 ? parts[2] : unknown);
    }
}
