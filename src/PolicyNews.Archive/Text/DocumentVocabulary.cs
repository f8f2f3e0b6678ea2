using System.Globalization;

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
    private readonly Dictionary<(int, int), int> _pairs = [];
    private readonly HashSet<(int, string)> _annotated = [];
    private readonly HashSet<int> _annotatedCharacters = [];
    private readonly HashSet<int> _writtenBare = [];

    public static DocumentVocabulary Empty { get; } = new("");

    public DocumentVocabulary(string text)
    {
        // The annotator wrote a reading after every occurrence of a character on its list, so a
        // character seen with an annotation is on the list and one seen without is not.
        var annotatedAt = new HashSet<int>();
        var matches = Pinyin.Annotation().Matches(text);
        foreach (System.Text.RegularExpressions.Match m in matches)
        {
            if (m.Index == 0) continue;
            var at = char.IsLowSurrogate(text[m.Index - 1]) && m.Index >= 2 ? m.Index - 2 : m.Index - 1;
            if (char.IsSurrogate(text[at]) && !char.IsSurrogatePair(text, at)) continue;
            annotatedAt.Add(at);
            _annotated.Add((char.ConvertToUtf32(text, at), m.Groups[1].Value));
            _annotatedCharacters.Add(char.ConvertToUtf32(text, at));
        }
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            if (text[i] > '\x7F' && !annotatedAt.Contains(i) && (!char.IsSurrogate(text[i]) || char.IsSurrogatePair(text, i)))
                _writtenBare.Add(char.ConvertToUtf32(text, i));
        // The text without its annotations, cut around the matches already found.
        var clean = new System.Text.StringBuilder(text.Length);
        var from = 0;
        foreach (System.Text.RegularExpressions.Match m in matches)
        {
            clean.Append(text, from, m.Index - from);
            from = m.Index + m.Length;
        }
        clean.Append(text, from, text.Length - from);
        var previous = -1;
        foreach (var rune in clean.ToString().EnumerateRunes())
        {
            var cp = rune.Value;
            _characters[cp] = _characters.GetValueOrDefault(cp) + 1;
            if (previous >= 0) _pairs[(previous, cp)] = _pairs.GetValueOrDefault((previous, cp)) + 1;
            previous = cp;
        }
        Words = _pairs.Keys.Where(p => Writes(p.Item1, p.Item2)).ToList();
    }

    /// <summary>Used more than once: a single occurrence may be the mojibake itself.</summary>
    public bool Uses(int codePoint) => _characters.GetValueOrDefault(codePoint) >= 2;

    public bool HasPair(int first, int second) => _pairs.ContainsKey((first, second));

    /// <summary>
    /// Two Han characters the article writes together more than once: one of its words (政策, 政府).
    /// Once may be chance, or the mojibake itself; punctuation side by side (’。) is no word.
    /// </summary>
    public bool Writes(int first, int second) =>
        _pairs.GetValueOrDefault((first, second)) >= 2 && IsHan(first) && IsHan(second);

    /// <summary>Every pair <see cref="Writes"/> holds for.</summary>
    public IReadOnlyList<(int First, int Second)> Words { get; }

    private static bool IsHan(int cp) => cp > 0x7F && CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.OtherLetter;

    /// <summary>
    /// What the article says about a character as the annotator saw it: 1 if it is annotated with
    /// this reading somewhere, -1 if it only ever stands without an annotation, 0 if it is not used.
    /// </summary>
    public int AnnotationEvidence(int codePoint, string reading) =>
        _annotated.Contains((codePoint, reading)) ? 1 : _writtenBare.Contains(codePoint) && !_annotatedCharacters.Contains(codePoint) ? -1 : 0;
}
