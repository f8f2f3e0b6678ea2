namespace PolicyNews.ChineseTables;

/// <summary>
/// The two tables that produce Traditional text.
///
/// Simplified → Traditional (s2t.tsv): OpenCC's STCharacters and STPhrases, first candidate, then
/// Taiwan's character forms (TWVariants: 爲→為, 裏→裡, 着→著), because the archive's Traditional
/// articles are written with those forms; a character OpenCC lacks takes Unihan's default
/// Traditional form when Big Five cannot write the character itself (吣→唚) but can write that form.
///
/// Traditional → Taiwan usage (t2tw.tsv, the optional 臺灣正體 view): OpenCC's TWPhrases (軟件→
/// 軟體, 信息→資訊) and TWVariants, i.e. OpenCC's s2twp chain after its s2t step. TWPhrases keys
/// are in OpenCC's Traditional forms, so each is added in Taiwan's forms too (the articles' forms).
/// </summary>
public static class TraditionalTables
{
    public static ConversionTable SimplifiedToTraditional(OpenCCData opencc, VariantTables unihan)
    {
        var table = new ConversionTable();
        foreach (var (key, candidates) in opencc.TWVariants.Entries)
            table.Set(key, candidates[0]);
        foreach (var (key, candidates) in opencc.STCharacters.Entries)
            table.Set(key, opencc.InTaiwanForms(candidates[0]));

        foreach (var (codePoint, traditionalCodePoint) in unihan.ToTraditional)
        {
            var character = char.ConvertFromUtf32(codePoint);
            var traditional = char.ConvertFromUtf32(traditionalCodePoint);
            if (opencc.STCharacters.Entries.ContainsKey(character) || table.Contains(character)) continue;
            if (opencc.IsInBigFive(character) || !opencc.IsInBigFive(traditional)) continue;
            table.Set(character, opencc.InTaiwanForms(traditional));
        }

        foreach (var (key, candidates) in opencc.STPhrases.Entries)
            table.Set(key, opencc.InTaiwanForms(candidates[0]));
        return table;
    }

    public static ConversionTable TraditionalToTaiwan(OpenCCData opencc)
    {
        var table = new ConversionTable();
        foreach (var (key, candidates) in opencc.TWVariants.Entries)
            table.Set(key, candidates[0]);
        foreach (var (key, candidates) in opencc.TWPhrases.Entries)
        {
            var value = opencc.InTaiwanForms(candidates[0]);
            table.Set(key, value);
            table.Set(opencc.InTaiwanForms(key), value);
        }
        return table;
    }
}
