using PolicyNews.Archive.Chinese;

namespace PolicyNews.Archive.Text;

/// <summary>
/// Judges characters for a Traditional-script article from the generated Unihan tables: common
/// characters are plausible, and a character that exists only as a Simplified form is unlikely
/// (mojibake out of Traditional GBK text is full of them: 丝, 哟, 绹).
/// </summary>
public sealed class UnihanCharacterJudge : ICharacterJudge
{
    public static UnihanCharacterJudge Instance { get; } = new();

    private const double SimplifiedOnlyWeight = 0.3;
    private const double MaxScore = 1000;

    public double Plausibility(int codePoint)
    {
        var score = CharacterFrequency.Score(codePoint) / MaxScore;
        return IsSimplifiedOnly(codePoint) ? score * SimplifiedOnlyWeight : Math.Min(1, score);
    }

    public bool CanRead(int codePoint, string tonedReading) => PinyinReadings.CanRead(codePoint, tonedReading);

    // A property of the character, asked of Unihan's per-character table on purpose: the display
    // conversion works by words (and keeps 只 as 只), which would change the repairs' scores.
    private static bool IsSimplifiedOnly(int codePoint) => UnihanVariants.IsSimplifiedOnly(codePoint);
}
