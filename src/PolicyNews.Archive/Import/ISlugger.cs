namespace PolicyNews.Archive.Import;

/// <summary>
/// Names a section's path segment. The seam for pinyin slugs: a later slugger can read Chinese
/// headings through <c>PolicyNews.Archive.Chinese.PinyinReadings</c> and be passed to
/// <see cref="ArchiveImporter"/> instead of <see cref="AsciiSlugger"/>. The importer makes the
/// result unique within the article, so a slugger need not.
/// </summary>
public interface ISlugger
{
    string SectionSlug(int ordinal, string? heading);
}

/// <summary>
/// ASCII only: the lead is <c>lead</c>; an ASCII heading becomes its kebab form; a Chinese heading
/// becomes <c>section-N</c>, followed by any Latin words it holds (為什麼DeepSeek成功了 → <c>section-1-deepseek</c>).
/// </summary>
public sealed class AsciiSlugger : ISlugger
{
    public string SectionSlug(int ordinal, string? heading)
    {
        if (ordinal == 0 || string.IsNullOrWhiteSpace(heading))
            return ordinal == 0 ? "lead" : $"section-{ordinal}";

        var latin = Slugs.Kebab(heading);
        if (heading.All(char.IsAscii) && latin.Length > 0)
            return latin;
        return latin.Length > 0 ? $"section-{ordinal}-{latin}" : $"section-{ordinal}";
    }
}
