using System.Globalization;

namespace PolicyNews.Web.Display;

/// <summary>
/// The archive stores dates as ISO text as precise as known: 2025, 2025-03 or 2025-03-10. One
/// parse, then each consumer (page, feed, citation) writes the precision it has.
/// </summary>
public sealed record PartialDate(int Year, int? Month, int? Day)
{
    public static PartialDate? Parse(string? iso)
    {
        var parts = (iso ?? "").Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || !int.TryParse(parts[0], out var year) || year < 1)
            return null;
        int? month = parts.Length > 1 && int.TryParse(parts[1], out var m) && m is >= 1 and <= 12 ? m : null;
        int? day = month is { } mm && parts.Length > 2 && int.TryParse(parts[2], out var d) && d >= 1 && d <= DateTime.DaysInMonth(year, mm) ? d : null;
        return new PartialDate(year, month, day);
    }
}

public static class Dates
{
    /// <summary>2025年, 2025年3月 or 2025年3月10日; text that is not a date is shown as it is.</summary>
    public static string Display(string? iso) => PartialDate.Parse(iso) switch
    {
        null => iso ?? "",
        { Month: null } d => $"{d.Year}年",
        { Day: null } d => $"{d.Year}年{d.Month}月",
        var d => $"{d.Year}年{d.Month}月{d.Day}日",
    };

    /// <summary>A full timestamp for feeds: the first moment of the stated period, in UTC.</summary>
    public static DateTimeOffset ToTimestamp(string? iso) => PartialDate.Parse(iso) is { } d
        ? new DateTimeOffset(d.Year, d.Month ?? 1, d.Day ?? 1, 0, 0, 0, TimeSpan.Zero)
        : DateTimeOffset.UnixEpoch;

    /// <summary>APA's date: (2025), (2025, March), (2025, March 10), or (n.d.).</summary>
    public static string Apa(string? iso) => PartialDate.Parse(iso) switch
    {
        null => "n.d.",
        { Month: null } d => $"{d.Year}",
        var d => $"{d.Year}, {MonthName(d.Month!.Value)}" + (d.Day is { } day ? $" {day}" : ""),
    };

    /// <summary>Chicago's date: February 10, 2025, March 2025 or 2025; null when unknown.</summary>
    public static string? Chicago(string? iso) => PartialDate.Parse(iso) switch
    {
        null => null,
        { Month: null } d => $"{d.Year}",
        { Day: null } d => $"{MonthName(d.Month.Value)} {d.Year}",
        var d => $"{MonthName(d.Month!.Value)} {d.Day}, {d.Year}",
    };

    /// <summary>As Google Scholar's <c>citation_publication_date</c> asks: 2025/03/10, 2025/03 or 2025.</summary>
    public static string? Slashed(string? iso) => PartialDate.Parse(iso) switch
    {
        null => null,
        var d => string.Join('/', new[] { d.Year, d.Month, d.Day }.OfType<int>().Select((n, i) => i == 0 ? $"{n:0000}" : $"{n:00}")),
    };

    static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
}
