namespace PolicyNews.Web.Citations;

/// <summary>
/// What a reference points at — an article, or one section of it — in the reader's script, with the
/// URL to cite: the article's page, or for a section its permalink (the stable id that survives
/// re-imports). Every text style, file format and meta tag is written from this one record, so they
/// agree. Parts the archive does not know (author, publication, date) stay null rather than invented.
/// </summary>
public sealed record CitedWork(
    string Id,
    string Title,
    string? Author,
    string? Publication,
    string? Published,
    string Url,
    string Language,
    DateOnly Accessed)
{
    /// <summary>The publication date as far as it is known (2025, 2025-03 or 2025-03-10).</summary>
    public PartialDate? Date => PartialDate.Parse(Published);

    /// <param name="section">Null to cite the whole article; the lead is cited by the article title alone.</param>
    public static CitedWork Of(ArticleRef article, SectionLink? section, SiteOrigin origin, DisplayPreferences display, DateOnly accessed)
    {
        var title = section is null || section.IsLead ? article.Title : $"{article.Title}：{SectionTitles.Of(section)}";
        var url = section is null ? Links.Absolute(origin, Links.Article(article.Slug)) : Links.AbsolutePermalink(origin, section.StableId);
        return new CitedWork(
            section is null ? article.Slug : $"{article.Slug}-{section.StableId}",
            display.Text(title),
            article.Author is null ? null : display.Text(article.Author),
            article.Source is null ? null : display.Text(article.Source),
            article.Published,
            url,
            display.Lang,
            accessed);
    }

    /// <summary>Today in UTC: the date of access every reference prints (pages already vary by day).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
