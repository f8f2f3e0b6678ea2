namespace PolicyNews.ChineseTables;

/// <summary>
/// Traditional → Simplified (t2s.tsv), built in this order, later steps overriding earlier ones:
///
/// 1. OpenCC's TSCharacters, first candidate: 乾→干, 後→后, 週→周, 覆 stays (覆 → 覆 复).
/// 2. Unihan (kSimplifiedVariant, as chosen in VariantTables) for characters OpenCC lacks, but only
///    where the character is not itself a mainland standard character and its Simplified form is
///    one: Unihan's systematic simplifications of rare characters (瑙→𰡻, 銲→𬭍) are in no reader's
///    font, and 幺→么 would rewrite a character the mainland still writes.
/// 3. Taiwan's forms that OpenCC reads only through its tw2s chain (TWVariantsRev): where going
///    through OpenCC's form gives a mainland standard character and the direct table does not
///    (簷→檐, 痺→痹), the Taiwan form gets that character.
/// 4. 著: 着 by default, zhù words keep 著 (in their Traditional and Simplified spellings, so a
///    second conversion changes nothing), particle words protect the verb (see ZheWords).
/// 5. OpenCC's TSPhrases, first candidate: 反覆→反复, 乾隆 stays. Their keys are in OpenCC's
///    Traditional forms (藉着 → 借着), so each is added in Taiwan's forms too (藉著 → 借着).
/// </summary>
public static class SimplifiedTable
{
    public static ConversionTable Build(OpenCCData opencc, VariantTables unihan)
    {
        var table = new ConversionTable();
        foreach (var (key, candidates) in opencc.TSCharacters.Entries)
            table.Set(key, candidates[0]);

        foreach (var (codePoint, simplifiedCodePoint) in unihan.ToSimplified)
        {
            var character = char.ConvertFromUtf32(codePoint);
            var simplified = char.ConvertFromUtf32(simplifiedCodePoint);
            if (opencc.TSCharacters.Entries.ContainsKey(character)) continue;
            if (opencc.IsMainlandStandard(character) || !opencc.IsMainlandStandard(simplified)) continue;
            table.Set(character, simplified);
        }

        foreach (var (taiwan, candidates) in opencc.TWVariantsRev.Entries)
        {
            var direct = table.ByCharacter(taiwan);
            var throughOpenCC = table.ByCharacter(candidates[0]);
            if (direct != throughOpenCC && !opencc.IsMainlandStandard(direct) && opencc.IsMainlandStandard(throughOpenCC))
                table.Set(taiwan, throughOpenCC);
        }

        table.Set("著", "着");
        foreach (var word in ZheWords.Zhu)
        {
            var simplified = ConversionTable.ByCharacter(word, c => c == "著" ? "著" : table.Get(c));
            table.Set(word, simplified);
            // Text that is Simplified already (显著, 著称) keeps its zhù 著: converting twice changes nothing.
            table.Set(simplified, simplified);
        }
        foreach (var word in ZheWords.Particle)
            table.Set(word, table.ByCharacter(word));

        foreach (var (key, candidates) in opencc.TSPhrases.Entries)
        {
            table.Set(key, candidates[0]);
            var taiwan = opencc.InTaiwanForms(key);
            if (!opencc.TSPhrases.Entries.ContainsKey(taiwan))
                table.Set(taiwan, candidates[0]);
        }
        return table;
    }
}
