namespace PolicyNews.Web.Pages.Articles;

/// <summary>
/// Ready-made references to one section, pointing at its permalink (the stable id, not the slug).
/// GB/T 7714-2015 for a newspaper article online: 作者. 題名[N/OL]. 報紙名, 出版日期[引用日期]. URL.
/// APA 7: Author. (Year, Month). Title. Source. URL. Parts the archive does not know are left out
/// rather than invented.
/// </summary>
public sealed record Citation(string GbT7714, string Apa, string Permalink)
{
    public static Citation For(ArticleRef article, SectionLink section, string permalink, DateOnly accessed)
    {
        var title = section.IsLead ? article.Title : $"{article.Title}：{section.Heading}";
        var author = article.Author;

        var gb = string.Concat(
            author is null ? "" : $"{author}. ",
            $"{title}[N/OL]. ",
            article.Source is null ? "" : $"{article.Source}, ",
            article.Published ?? "",
            $"[{accessed:yyyy-MM-dd}]. ",
            permalink);

        var apa = string.Concat(
            author is null ? "" : $"{author}. ",
            $"({Dates.Apa(article.Published)}). ",
            $"{title}. ",
            article.Source is null ? "" : $"{article.Source}. ",
            permalink);

        return new Citation(gb, apa, permalink);
    }
}
