namespace PolicyNews.ChineseTables;

/// <summary>
/// The OpenCC dictionaries the tables are built from, plus the two questions about characters
/// that the rules ask of Unihan. OpenCC's data is Apache-2.0 (see Chinese/Data/OPENCC-LICENSE).
/// </summary>
public sealed class OpenCCData
{
    public OpenCCDictionary TSCharacters { get; }   // Traditional → Simplified characters
    public OpenCCDictionary TSPhrases { get; }      // … words
    public OpenCCDictionary STCharacters { get; }   // Simplified → Traditional characters
    public OpenCCDictionary STPhrases { get; }      // … words
    public OpenCCDictionary TWVariants { get; }     // OpenCC's Traditional forms → Taiwan's (爲→為, 裏→裡)
    public OpenCCDictionary TWVariantsRev { get; }  // … and back
    public OpenCCDictionary TWPhrases { get; }      // mainland words → Taiwan's (軟件→軟體)

    private readonly UnihanDatabase _unihan;

    public OpenCCData(string directory, UnihanDatabase unihan)
    {
        _unihan = unihan;
        TSCharacters = OpenCCDictionary.Load(directory, "TSCharacters");
        TSPhrases = OpenCCDictionary.Load(directory, "TSPhrases");
        STCharacters = OpenCCDictionary.Load(directory, "STCharacters");
        STPhrases = OpenCCDictionary.Load(directory, "STPhrases");
        TWVariants = OpenCCDictionary.Load(directory, "TWVariants");
        TWVariantsRev = OpenCCDictionary.Load(directory, "TWVariantsRev");
        TWPhrases = OpenCCDictionary.Load(directory, "TWPhrases");
    }

    /// <summary>
    /// In the mainland's 2013 Table of General Standard Chinese Characters (kTGH): a character
    /// Simplified text writes and mainland fonts have. 𰡻, the systematic simplification of 瑙, is
    /// not; 瑙 itself is.
    /// </summary>
    public bool IsMainlandStandard(string character) =>
        CharacterEvidence.Of(_unihan, char.ConvertToUtf32(character, 0)).TghIndex is not null;

    /// <summary>Encoded in Big Five (kBigFive): a character Traditional text can be written with.</summary>
    public bool IsInBigFive(string character) =>
        CharacterEvidence.Of(_unihan, char.ConvertToUtf32(character, 0)).Big5Level is not null;

    /// <summary>Each character through Taiwan's forms: 爲→為, 裏→裡, 着→著.</summary>
    public string InTaiwanForms(string text) => ConversionTable.ByCharacter(text, c => TWVariants.First(c));
}
