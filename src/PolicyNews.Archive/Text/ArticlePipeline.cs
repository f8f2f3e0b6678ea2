namespace PolicyNews.Archive.Text;

/// <summary>
/// The text pipeline, stage by stage: decode → (HTML to lines) → repair mojibake → strip markup
/// remnants → separate pinyin → restore punctuation → structure. Built once and shared, also
/// between threads: what it learns about one article (the repair's context) is made per call.
/// </summary>
public sealed class ArticlePipeline(ICharacterJudge judge) : IArticlePipeline
{
    private readonly SourceDecoder _decoder = new(judge);
    private readonly MojibakeRepair _mojibake = new(judge);
    private readonly PinyinSeparator _pinyin = new(judge);

    public static ArticlePipeline Create() => new(UnihanCharacterJudge.Instance);

    public PipelineResult Clean(byte[] bytes, string fileName)
    {
        var decoded = _decoder.Decode(bytes, fileName);
        var text = MarkupStripper.LooksLikeHtmlDocument(decoded.Text) ? MarkupStripper.HtmlToText(decoded.Text) : decoded.Text;

        var article = _mojibake.ContextFor(new DocumentVocabulary(text));
        var lines = new List<LineText>();
        var warnings = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            if (raw.Trim().Length == 0) continue;
            var line = _mojibake.Apply(LineText.Of(raw), article);
            (line, _) = MarkupStripper.StripRemnants(line);
            var separated = _pinyin.Apply(line);
            (line, _) = PunctuationRestorer.Apply(separated.Line);
            warnings.AddRange(separated.Mismatches);
            lines.Add(line);
        }
        if (lines.Count == 0) throw new SourceRejectedException(fileName, "the file holds no text");

        return new PipelineResult(Structurer.Structure(lines, warnings), decoded.Encoding);
    }
}
