using System.Globalization;
using System.Text.RegularExpressions;
using PolicyNews.Archive.Text;

namespace PolicyNews.Web.Display;

/// <summary>
/// The archive filter and page as URLs carry them — <c>source</c>, <c>type</c>, <c>tag</c>,
/// <c>kind</c>, <c>from</c>, <c>to</c>, <c>page</c> — read the same way by the archive page,
/// /api/articles and search. A value that cannot be meant is refused with a sentence saying why
/// (the pages answer 400 with it, the API a problem); a well-formed value that matches nothing (an
/// unknown source or tag) is simply an empty listing.
/// </summary>
public static partial class ListingQuery
{
    public const int MaxValueLength = 200;

    /// <summary>The filter in <paramref name="query"/>, or the reason it cannot be read.</summary>
    public static (ArticleFilter Filter, string? Problem) ReadFilter(IQueryCollection query)
    {
        string? problem = null;
        string? Value(string key)
        {
            var values = query[key];
            if (values.Count > 1)
                problem ??= $"{key} is given {values.Count} times; give it once";
            var value = values.Count == 0 ? null : values[0]?.Trim();
            if (value is { Length: > MaxValueLength })
                problem ??= $"{key} is longer than {MaxValueLength} characters";
            problem ??= ControlCharacters.Problem(key, value);
            return string.IsNullOrEmpty(value) ? null : value;
        }

        var filter = new ArticleFilter(Value("source"), Value("type"), Value("tag"), Value("kind"), Value("from"), Value("to"));
        problem ??= filter switch
        {
            { Type: { } t } when !ArticleTypes.IsKnown(t) => $"type '{t}' is not one of {string.Join(", ", ArticleTypes.All.Select(k => k.Key))}",
            { Kind: { } k } when !TagKinds.IsKnown(k) => $"kind '{k}' is not one of {string.Join(", ", TagKinds.All.Select(k => k.Key))}",
            { From: { } f } when !IsIsoDate(f) => $"from '{f}' is not an ISO date (yyyy, yyyy-mm or yyyy-mm-dd)",
            { To: { } t } when !IsIsoDate(t) => $"to '{t}' is not an ISO date (yyyy, yyyy-mm or yyyy-mm-dd)",
            // Empty only when from starts after every date to covers (to=2025 covers all of 2025).
            { From: { } f, To: { } t } when string.CompareOrdinal(f, t + "~") >= 0 =>
                $"from '{f}' is after to '{t}'",
            _ => null,
        };
        return (filter, problem);
    }

    /// <summary>The page number in <paramref name="query"/> (1 when absent), or the reason it cannot be read.</summary>
    public static (int Page, string? Problem) ReadPage(IQueryCollection query)
    {
        var value = query["page"];
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
            return (1, null);
        return value.Count == 1 && int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? (page, null)
            : (1, "page must be a whole number from 1");
    }

    /// <summary>The filter's parameters in a fixed order, escaped, for a query string.</summary>
    public static IEnumerable<string> Parameters(ArticleFilter filter)
    {
        (string Key, string? Value)[] parts =
            [("source", filter.Source), ("type", filter.Type), ("tag", filter.Tag), ("kind", filter.Kind), ("from", filter.From), ("to", filter.To)];
        return parts.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
    }

    static bool IsIsoDate(string value) =>
        IsoDate().IsMatch(value) && (value.Length < 10 || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    private static partial Regex IsoDate();
}
