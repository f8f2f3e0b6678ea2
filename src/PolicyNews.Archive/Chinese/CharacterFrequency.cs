using System.Globalization;

namespace PolicyNews.Archive.Chinese;

/// <summary>
/// How plausible a character is in real modern Chinese text, Traditional or Simplified, from
/// Chinese/Data/frequency.tsv. The score combines a Mandarin corpus count (kHanyuPinlu), a
/// Usenet rank (kFrequency) and membership in the national common-character lists (TGH 2013,
/// GB 2312 level 1, Big Five level 1); the formula is in tools/PolicyNews.ChineseTables/FrequencyTable.cs.
///
/// Typical values: 的 988, 國 781, 險 535; characters found only in a list's second level, such
/// as 丶 (20) or 罅 (80), or only in Big Five level 1, such as 蛟 and 紕 (150), score low.
/// </summary>
public static class CharacterFrequency
{
    /// <summary>
    /// At 250 a character is at least in the mainland's list of 3,500 common characters and in
    /// GB 2312 level 1, or in Big Five level 1 and ranked by kFrequency; about 4,600 qualify.
    /// </summary>
    public const int CommonThreshold = 250;

    private static readonly Lazy<Dictionary<int, int>> Scores = new(Load);

    /// <summary>0 for characters in none of the sources (rare or not Han); higher is more common.</summary>
    public static int Score(int codePoint) => Scores.Value.GetValueOrDefault(codePoint);

    public static bool IsCommon(int codePoint) => Score(codePoint) >= CommonThreshold;

    private static Dictionary<int, int> Load() =>
        EmbeddedTable.Rows("frequency.tsv").ToDictionary(row => EmbeddedTable.CodePoint(row[0]), row => int.Parse(row[1], CultureInfo.InvariantCulture));
}
