using JiebaNet.Analyser;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;
using PolicyNews.Archive.Chinese;
using PolicyNews.Archive.Import;

namespace PolicyNews.Importer;

/// <summary>How suggest-tags ranks words: jieba's TF-IDF (its IDF table from a general corpus) or TextRank (co-occurrence within the text).</summary>
public enum KeywordMethod { TfIdf, TextRank }

/// <summary>A word jieba ranks among an article's keywords, its weight, and what kind of tag it would be.</summary>
sealed record Keyword(string Word, double Weight, string Guess);

/// <summary>
/// What suggest-tags asks of jieba.NET, on Simplified text (jieba's dictionaries are Simplified):
/// an article's keywords, restricted to names and nouns, and the transliterated names jieba cuts
/// apart at their middle dot.
/// </summary>
static class JiebaKeywords
{
    /// <summary>jieba's parts of speech for names (person, place, organisation, other) and nouns.</summary>
    static readonly string[] KeywordPos = ["nr", "nrfg", "nrt", "ns", "nt", "nz", "eng", "n", "vn"];
    /// <summary>Every keyword: a name said once in a long article ranks low but is still a name the taxonomy may lack.</summary>
    const int KeywordsPerArticle = int.MaxValue;

    /// <summary>The guess for a common noun: a tag for it would be a topic.</summary>
    public const string Term = "topic";

    public static IReadOnlyList<Keyword> Extract(string simplified, KeywordMethod method, out IReadOnlyList<string> dottedNames)
    {
        JiebaResources.Use();
        IEnumerable<WordWeightPair> ranked = method == KeywordMethod.TextRank
            ? new TextRankExtractor().ExtractTagsWithWeight(simplified, KeywordsPerArticle, KeywordPos)
            : new TfidfExtractor(new JiebaSegmenter()).ExtractTagsWithWeight(simplified, KeywordsPerArticle, KeywordPos);
        var words = new PosSegmenter().Cut(simplified).ToList();
        var flags = words.GroupBy(p => p.Word).ToDictionary(g => g.Key, g => g.GroupBy(p => p.Flag).MaxBy(f => f.Count())!.Key);
        dottedNames = DottedNames(words).Distinct().ToList();
        return ranked.Select(k => new Keyword(k.Word, k.Weight, GuessFromPos(flags.GetValueOrDefault(k.Word, "n")))).ToList();
    }

    static string GuessFromPos(string flag) => flag switch
    {
        "nr" or "nrfg" or "nrt" => "person",
        "ns" => "place",
        "nt" => "organisation",
        "nz" or "eng" => "name",
        _ => Term,
    };

    /// <summary>
    /// Transliterated names joined by a middle dot (安德烈·卡帕西, 阿爾溫德·柯世納). jieba splits at the
    /// dot and often inside a part (卡帕 + 西), so each side is grown over jieba's words while they look
    /// like parts of a name: a word jieba tags as a person's name, or a single character that is not a
    /// function word (particle, preposition, conjunction, adverb, pronoun, numeral, measure word).
    /// </summary>
    static IEnumerable<string> DottedNames(List<Pair> words)
    {
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (!IsMiddleDot(words[i].Word) || !IsNamePart(words[i - 1]) || !IsNamePart(words[i + 1]))
                continue;
            var start = i - 1;
            while (start > 0 && IsNamePart(words[start - 1]))
                start--;
            var end = i + 1;
            while (end + 1 < words.Count && (IsNamePart(words[end + 1])
                       || IsMiddleDot(words[end + 1].Word) && end + 2 < words.Count && IsNamePart(words[end + 2])))
                end++;
            yield return string.Concat(words.Skip(start).Take(end - start + 1).Select(w => w.Word));
            i = end;
        }
    }

    static bool IsMiddleDot(string word) => word.Length == 1 && TagMatcher.MiddleDots.Contains(word[0]);

    static bool IsNamePart(Pair word) => word.Flag.StartsWith("nr", StringComparison.Ordinal)
        || word.Word.Length == 1 && Han.IsCharacter(new System.Text.Rune(word.Word[0]))
           && word.Flag[0] is not ('u' or 'p' or 'c' or 'd' or 'r' or 'm' or 'q' or 'y' or 'e' or 'o' or 'x');
}

/// <summary>
/// Points jieba.NET at its dictionaries, which the build copies to jieba/ beside the importer (see
/// PolicyNews.Importer.csproj). jieba.NET reads them lazily and keeps them for the process.
/// </summary>
static class JiebaResources
{
    static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "jieba");
        if (!File.Exists(Path.Combine(folder, "dict.txt")))
            throw new InvalidOperationException($"jieba.NET's dictionaries are missing from {folder}; build the importer to copy them there");
        ConfigManager.ConfigFileBaseDir = folder;
        return folder;
    });

    public static void Use() => _ = Folder.Value;
}
