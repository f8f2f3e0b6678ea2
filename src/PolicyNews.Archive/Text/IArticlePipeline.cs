namespace PolicyNews.Archive.Text;

/// <summary>
/// What the importer needs from the text pipeline: turn one source file's bytes into a clean,
/// structured document. A file that cannot be an article (binary, empty after cleaning,
/// undecodable …) is refused by throwing <see cref="SourceRejectedException"/> with a reason a
/// person can act on; the importer then writes nothing for the whole run. The importer cleans
/// several files at once: <see cref="Clean"/> is called from many threads.
/// </summary>
public interface IArticlePipeline
{
    PipelineResult Clean(byte[] bytes, string fileName);
}

/// <summary>
/// The cleaned document and the encoding the decoder settled on (utf-8, utf-16le, gb18030 …). What
/// the importer counts (sections, annotations, repairs …) is read from the document.
/// </summary>
public sealed record PipelineResult(ArticleDocument Document, string Encoding);

/// <summary>
/// A source file the import cannot use — an article, or the metadata and tags beside it — and why.
/// The run fails as a whole; nothing is written.
/// </summary>
public sealed class SourceRejectedException(string file, string reason)
    : Exception($"{file}: {reason}")
{
    public string File { get; } = file;
    public string Reason { get; } = reason;
}
