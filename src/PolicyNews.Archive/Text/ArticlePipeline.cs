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

        var raws = text.Split('\n').Where(raw => raw.Trim().Length > 0).ToList();
        // The repair reads the article twice: what the first reading rebuilds whole (當地加大了科技創新)
        // is the article's own text, and evidence where the same words lost bytes (當地□□大科技創新).
        var firstReading = _mojibake.ContextFor(new DocumentVocabulary(text));
        var rebuilt = string.Join('\n', raws.Select(raw => _mojibake.Apply(LineText.Of(raw), firstReading).Text));
        var article = _mojibake.ContextFor(new DocumentVocabulary(rebuilt));
        var flattened = PunctuationRestorer.WasFlattened(text);
        var lines = new List<LineText>();
        var warnings = new List<string>();
        foreach (var raw in raws)
        {
            var line = _mojibake.Apply(LineText.Of(raw), article);
            (line, _) = MarkupStripper.StripRemnants(line);
            var separated = _pinyin.Apply(line);
            line = separated.Line;
            if (flattened) (line, _) = PunctuationRestorer.Apply(line);
            warnings.AddRange(separated.Mismatches);
            lines.Add(line);
        }
        if (lines.Count == 0) throw new SourceRejectedException(fileName, "the file holds no text");

        return new PipelineResult(Structurer.Structure(lines, warnings), decoded.Encoding);
    }
}
