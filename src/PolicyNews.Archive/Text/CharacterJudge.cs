namespace PolicyNews.Archive.Text;

/// <summary>
/// What the mojibake repair needs to know about characters: how plausible one is in the
/// article's text, and whether it can be read with a given pinyin.
/// </summary>
public interface ICharacterJudge
{
    /// <summary>0 (never seen in running text) to 1 (among the most common characters).</summary>
    double Plausibility(int codePoint);

    bool CanRead(int codePoint, string tonedReading);
}
