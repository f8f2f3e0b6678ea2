using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyNews.ChineseTables;

/// <summary>
/// What Unihan says about how common one character is, field by field. Each field comes from a
/// different standard or corpus, so each is kept apart; FrequencyTable turns them into one score.
/// </summary>
public sealed partial record CharacterEvidence(
    int? TghIndex,      // kTGH: position in the 2013 Table of General Standard Chinese Characters (1..8105)
    int? UsenetRank,    // kFrequency: 1 (most common) .. 5, from traditional-script Usenet postings
    int? Gb2312Level,   // kGB0: 1 for GB 2312 level 1 (rows 16-55), 2 for level 2 (rows 56-87)
    int? Big5Level,     // kBigFive: 1 for Big Five "frequent" (A440-C67E), 2 for "less frequent"
    int PinluCount)     // kHanyuPinlu: summed counts over all readings in a modern Mandarin corpus
{
    public static CharacterEvidence Of(UnihanDatabase unihan, int codePoint) => new(
        TghIndex: unihan.Field(codePoint, "kTGH") is { } tgh ? ParseInt(tgh.Split(':')[1]) : null,
        UsenetRank: unihan.Field(codePoint, "kFrequency") is { } frequency ? ParseInt(frequency) : null,
        Gb2312Level: unihan.Field(codePoint, "kGB0") is { } gb ? GbLevel(ParseInt(gb[..2])) : null,
        Big5Level: unihan.Field(codePoint, "kBigFive") is { } big5 ? Big5LevelOf(int.Parse(big5, NumberStyles.HexNumber, CultureInfo.InvariantCulture)) : null,
        PinluCount: unihan.Field(codePoint, "kHanyuPinlu") is { } pinlu
            ? PinluCountPattern().Matches(pinlu).Sum(m => ParseInt(m.Groups[1].Value))
            : 0);

    /// <summary>TGH levels: 1..3500 is level 1 (common), 3501..6500 level 2, the rest level 3.</summary>
    public int? TghLevel => TghIndex switch { null => null, <= 3500 => 1, <= 6500 => 2, _ => 3 };

    private static int? GbLevel(int row) => row switch { >= 16 and <= 55 => 1, >= 56 and <= 87 => 2, _ => null };

    private static int? Big5LevelOf(int code) => code switch
    {
        >= 0xA440 and <= 0xC67E => 1,
        >= 0xC940 and <= 0xF9D5 => 2,
        _ => null,
    };

    private static int ParseInt(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex PinluCountPattern();
}
