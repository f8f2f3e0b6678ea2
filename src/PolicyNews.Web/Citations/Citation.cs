namespace PolicyNews.Web.Citations;

/// <summary>
/// Ready-made references as text, the three styles readers of Chinese policy news are asked for:
/// GB/T 7714-2015 for a newspaper article online: 作者. 題名[N/OL]. 報紙名, 出版日期[引用日期]. URL.
/// APA 7: Author. (Year, Month Day). Title. Source. URL.
/// Chicago 17 (bibliography, newspaper online): Author. "Title." Source, Month Day, Year. URL. — with
/// "Accessed …" in place of a publication date the archive does not know.
/// Parts the archive does not know are left out rather than invented.
/// </summary>
public sealed record Citation(string GbT7714, string Apa, string Chicago, string Url)
{
    public static Citation For(CitedWork work)
    {
        var gb = string.Concat(
            work.Author is null ? "" : $"{work.Author}. ",
            $"{work.Title}[N/OL]. ",
            work.Publication is null ? "" : $"{work.Publication}, ",
            work.Published ?? "",
            $"[{work.Accessed:yyyy-MM-dd}]. ",
            work.Url);

        var apa = string.Concat(
            work.Author is null ? "" : $"{work.Author}. ",
            $"({Dates.Apa(work.Published)}). ",
            $"{work.Title}. ",
            work.Publication is null ? "" : $"{work.Publication}. ",
            work.Url);

        var date = Dates.Chicago(work.Published);
        var where = string.Join(", ", new[] { work.Publication, date }.OfType<string>());
        var chicago = string.Concat(
            work.Author is null ? "" : $"{work.Author}. ",
            $"\u201C{work.Title}.\u201D ",
            where.Length == 0 ? "" : $"{where}. ",
            date is null ? $"Accessed {Dates.Chicago(work.Accessed.ToString("yyyy-MM-dd"))}. " : "",
            work.Url,
            ".");

        return new Citation(gb, apa, chicago, work.Url);
    }
}
