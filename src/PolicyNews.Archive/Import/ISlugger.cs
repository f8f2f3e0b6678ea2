namespace PolicyNews.Archive.Import;

/// <summary>
/// Names a section's path segment (<see cref="PinyinSlugger"/> by default). The importer makes the
/// result unique within the article, so a slugger need not.
/// </summary>
public interface ISlugger
{
    string SectionSlug(int ordinal, string? heading);
}

/// <summary>
/// The default: a heading becomes its toneless pinyin and its Latin words, in order
/// (為什麼DeepSeek成功了 → <c>wei-shen-me-deepseek-cheng-gong-le</c>), at most eight words; the lead is
/// <c>lead</c>. A path does not depend on the section's position, so a re-import that inserts a
/// section renames no other section's path. Each character reads its usual Unihan reading (ü written
/// v), which may not be the reading in context.
/// </summary>
public sealed class PinyinSlugger : ISlugger
{
    const int MaxWords = 8;

    public string SectionSlug(int ordinal, string? heading)
    {
        if (ordinal == 0)
            return "lead";
        var words = new List<string>();
        var latin = new System.Text.StringBuilder();
        void Flush()
        {
            if (latin.Length > 0)
                words.Add(latin.ToString());
            latin.Clear();
        }
        foreach (var rune in (heading ?? "").EnumerateRunes())
        {
            if (rune.IsAscii && System.Text.Rune.IsLetterOrDigit(rune))
            {
                latin.Append(char.ToLowerInvariant((char)rune.Value));
                continue;
            }
            Flush();
            // The same reading search indexes the character under.
            if (Chinese.PinyinSyllables.UsualReading(rune.Value) is { } reading && reading.All(char.IsAsciiLetterLower))
                words.Add(reading);
        }
        Flush();
        return words.Count > 0 ? string.Join('-', words.Take(MaxWords)) : $"section-{ordinal}";
    }
}
