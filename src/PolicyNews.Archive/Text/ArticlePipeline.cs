using PolicyNews.Archive.Import;

namespace PolicyNews.Archive.Text;

// TEMPORARY PLACEHOLDER — the text pipeline is being written on another branch and will replace
// this whole file. The importer CLI obtains its pipeline only through ArticlePipeline.Create(), so
// replacing this file is the only change needed to wire the real one in. Tests never use it.

/// <summary>Placeholder for the real text pipeline (decode, strip markup, repair, annotate, structure).</summary>
public sealed class ArticlePipeline : IArticlePipeline
{
    public static IArticlePipeline Create() => new ArticlePipeline();

    public PipelineResult Clean(byte[] bytes, string fileName) =>
        throw new NotImplementedException("The text pipeline has not landed yet (see src/PolicyNews.Archive/Text/ArticlePipeline.cs).");
}
