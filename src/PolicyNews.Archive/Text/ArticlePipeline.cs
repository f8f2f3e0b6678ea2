namespace PolicyNews.Archive.Text;

/// <summary>What each stage changed in one file.</summary>
public sealed record PipelineReport(
    string Encoding,
    bool WasHtml,
    int MarkupRemoved,
    int RunsRepaired,
    int RunsCertain,
    int RunsPartial,
    int LostBytes,
    int AnnotationsSeparated,
    int PunctuationRestored,
    int HeadingAnnotations = 0);


/// <summary>
/// The text pipeline, stage by stage: decode → (HTML to lines) → repair mojibake → strip markup
/// remnants → separate pinyin → restore punctuation → structure. Built once, used for every file.
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
        var wasHtml = MarkupStripper.LooksLikeHtmlDocument(decoded.Text);
        var text = wasHtml ? MarkupStripper.HtmlToText(decoded.Text) : decoded.Text;

        var vocabulary = new DocumentVocabulary(text);
        var lines = new List<LineText>();
        var warnings = new List<string>();
        int markup = 0, annotations = 0, punctuation = 0;
        foreach (var raw in text.Split('\n'))
        {
            if (raw.Trim().Length == 0) continue;
            var line = _mojibake.Apply(LineText.Of(raw), vocabulary);
            (line, var removed) = MarkupStripper.StripRemnants(line);
            var separated = _pinyin.Apply(line);
            (line, var restored) = PunctuationRestorer.Apply(separated.Line);
            markup += removed;
            annotations += separated.Separated;
            punctuation += restored;
            warnings.AddRange(separated.Mismatches);
            lines.Add(line);
        }
        if (lines.Count == 0) throw new SourceRejectedException(fileName, "the file holds no text");

        var document = Structurer.Structure(lines, warnings);
        var repairs = document.Repairs.ToList();
        var report = new PipelineReport(decoded.Encoding, wasHtml, markup, repairs.Count,
            repairs.Count(r => r.Confidence == RepairConfidence.Certain),
            repairs.Count(r => r.Confidence == RepairConfidence.Partial),
            repairs.Sum(r => r.LostBytes), annotations, punctuation,
            document.Sections.Sum(s => s.HeadingMarks.Annotations.Count));
        return new PipelineResult(document, decoded.Encoding, report);
    }
}
