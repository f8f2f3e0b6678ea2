namespace PolicyNews.Web.Reading;

/// <summary>The archive stores dates as ISO text as precise as known: 2025, 2025-03 or 2025-03-10.</summary>
public static class Dates
{
    public static string Display(string? iso)
    {
        var parts = (iso ?? "").Split('-');
        return parts.Length switch
        {
            1 when parts[0].Length == 4 => $"{parts[0]}年",
            2 => $"{parts[0]}年{int.Parse(parts[1])}月",
            3 => $"{parts[0]}年{int.Parse(parts[1])}月{int.Parse(parts[2])}日",
            _ => iso ?? "",
        };
    }

    /// <summary>A full timestamp for feeds: the first moment of the stated period, in UTC.</summary>
    public static DateTimeOffset ToTimestamp(string? iso)
    {
        var parts = (iso ?? "").Split('-');
        if (parts.Length == 0 || !int.TryParse(parts[0], out var year) || year < 1)
            return DateTimeOffset.UnixEpoch;
        var month = parts.Length > 1 && int.TryParse(parts[1], out var m) && m is >= 1 and <= 12 ? m : 1;
        var day = parts.Length > 2 && int.TryParse(parts[2], out var d) && d >= 1 && d <= DateTime.DaysInMonth(year, month) ? d : 1;
        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
    }
}
