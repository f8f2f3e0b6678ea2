namespace PolicyNews.Archive.Text;

/// <summary>
/// The characters and character pairs an article uses, counted over its whole text with the
/// annotations taken out. A mojibake run is short against the rest of the article, so what the
/// article says elsewhere is good evidence for what a run said: it keeps the source's own
/// conventions (于, 后, 里) and tells 政策 from a lone 者 where bytes were lost in between.
/// </summary>
public sealed class DocumentVocabulary
{
    private readonly Dictionary<int, int> _characters = [];
    private readonly HashSet<(int, int)> _pairs = [];

    public static DocumentVocabulary Empty { get; } = new("");

    public DocumentVocabulary(string text)
    {
        var clean = Pinyin.Annotation().Replace(text, "");
        var previous = -1;
        foreach (var rune in clean.EnumerateRunes())
        {
            var cp = rune.Value;
            _characters[cp] = _characters.GetValueOrDefault(cp) + 1;
            if (previous >= 0) _pairs.Add((previous, cp));
            previous = cp;
        }
    }

    /// <summary>Used more than once: a single occurrence may be the mojibake itself.</summary>
    public bool Uses(int codePoint) => _characters.GetValueOrDefault(codePoint) >= 2;

    public bool HasPair(int first, int second) => _pairs.Contains((first, second));
}
