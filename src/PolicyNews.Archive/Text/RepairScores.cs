namespace PolicyNews.Archive.Text;

/// <summary>
/// The one scale the mojibake repair scores readings on. Each character of a reading adds its
/// plausibility (0 to 1) less <see cref="Baseline"/>, so the reading with the most plausible
/// characters wins; the other weights are evidence for or against a reading on the same scale.
/// </summary>
internal static class RepairScores
{
    public const double Baseline = 0.3;          // a character scoring above this is evidence for its reading
    public const double LostCharacter = 0.08;     // what □ scores: below nearly every real character
    public const double AnnotationAgrees = 1.5;
    public const double VocabularyBonus = 0.15;
    public const double DoubtfulCharacter = 0.35;  // a re-paired character below this may hide deleted bytes
    public const double DeletionEvidence = 0.3;    // … if two common characters explain it better by this much
    public const double RequiredGain = 0.6;       // without a remnant, a repair must beat the text as it stands by this

    /// <summary>Punctuation common in running text: it scores 1 whatever the article.</summary>
    public static bool IsCommonPunctuation(int cp) => "。，、；：？！“”‘’《》（）…—·「」".Contains((char)cp) && cp < 0x10000;
}
