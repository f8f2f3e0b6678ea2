using System.Text.RegularExpressions;

namespace PolicyNews.Archive.Text;

/// <summary>
/// The shape of the annotator's pinyin: lower-case letters with exactly the tone-marked vowels of
/// Hanyu Pinyin. Every one of the seeds' 1,060 annotations carries a tone mark, which is what keeps
/// real parenthesised words like (AI) or (Marc Andreessen) from looking like annotations.
/// </summary>
public static partial class Pinyin
{
    private const string ToneMarked = "\u0101\u00E1\u01CE\u00E0\u0113\u00E9\u011B\u00E8\u012B\u00ED\u01D0\u00EC\u014D\u00F3\u01D2\u00F2\u016B\u00FA\u01D4\u00F9\u01D6\u01D8\u01DA\u01DC\u0144\u0148\u01F9";
    private const string Syllable = $"[a-z\u00FC]*[{ToneMarked}][a-z\u00FC{ToneMarked}]*";

    /// <summary>An annotation as the annotator wrote it: <c>(shuō)</c>; group 1 is the reading.</summary>
    [GeneratedRegex($@"\(({Syllable})\)")]
    public static partial Regex Annotation();

    /// <summary>An annotation whose '(' a mojibake '?' swallowed: <c>shù)</c>, matched where the search starts.</summary>
    [GeneratedRegex($@"\G({Syllable})\)")]
    public static partial Regex Remnant();
}
