using PolicyNews.Archive.Store;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Import;

/// <summary>A source file read from disk, before anything is decided about it.</summary>
internal sealed record SourceFile(string Path, string FileName, byte[] Bytes, string Sha256);

/// <summary>The article row as it will be written.</summary>
internal sealed record ArticleFields(
    string Slug, string Title, bool TitleDerived, string? Source, string? Published, string? Author,
    string? AuthorNote, string? Editor, string? Url, string Script, string? Summary, string Type);

/// <summary>A section; its stable id is the default of its forms until the writer settles it (<see cref="StableIdClaims"/>).</summary>
internal sealed record PreparedSection(
    int Ordinal, string? Heading, TextMarks HeadingMarks, IReadOnlyList<string> IdForms, string Slug, IReadOnlyList<PreparedBlock> Blocks)
{
    public string StableId { get; init; } = IdForms[0];
}

internal sealed record PreparedBlock(IReadOnlyList<string> IdForms, DocumentBlock Block)
{
    public string StableId { get; init; } = IdForms[0];
}

/// <summary>
/// A cleaned document joined with its metadata, with every id and slug decided — everything the
/// writer needs, computed before the transaction starts.
/// </summary>
internal sealed record PreparedArticle(
    SourceFile File, string Encoding, ArticleFields Fields, IReadOnlyList<PreparedSection> Sections,
    DocumentCounts Counts, IReadOnlyList<string> Warnings)
{
    const int DerivedTitleMaxLength = 40;

    public static PreparedArticle Create(SourceFile file, PipelineResult cleaned, ArticleMetadata? meta, ISlugger slugger)
    {
        var document = cleaned.Document;
        var warnings = document.Warnings.Select(w => $"{file.FileName}: {w}").ToList();
        var slug = meta?.Slug ?? Slugs.FromFileName(file.FileName);

        // The lead may be empty when the source opens with a heading; an empty lead is not a section.
        var sections = document.Sections.Where(s => s.Blocks.Count > 0 || s.Heading is not null).ToList();

        var sectionIds = Slugs.Disambiguate(sections.Select(s => Slugs.SectionIdForms(slug, s.Heading)));
        var sectionSlugs = Slugs.Disambiguate(sections.Select(s => slugger.SectionSlug(s.Ordinal, s.Heading)));
        var blockIds = new Queue<string[]>(Slugs.Disambiguate(sections.SelectMany(s => s.Blocks).Select(b => Slugs.ParagraphIdForms(slug, b.Text))));
        var prepared = sections.Select((s, i) => new PreparedSection(s.Ordinal, s.Heading, s.HeadingMarks, sectionIds[i], sectionSlugs[i],
            s.Blocks.Select(b => new PreparedBlock(blockIds.Dequeue(), b)).ToList())).ToList();

        var summary = (sections.FirstOrDefault(s => s.Ordinal == 0) ?? sections.FirstOrDefault())?.Blocks.FirstOrDefault()?.Text;
        string title;
        if (meta is not null)
            title = meta.Title;
        else
        {
            title = DeriveTitle(document, out var from);
            warnings.Add($"{file.FileName}: no entry in {ArticleMetadataFile.FileName}; title derived from the {from} (\"{title}\") and slug from the file name");
        }

        var fields = new ArticleFields(slug, title, meta is null, meta?.Source, meta?.Published,
            meta?.Author ?? document.Bylines.Reporter, document.Bylines.AuthorNote,
            meta?.Editor ?? document.Bylines.Editor, meta?.Url, meta?.Script ?? "zh-Hant", summary, meta?.Type ?? ArticleTypes.Default);
        return new PreparedArticle(file, cleaned.Encoding, fields, prepared, DocumentCounts.Of(document), warnings);
    }

    /// <summary>The opening heading when the text starts with one, else its first sentence, trimmed.</summary>
    static string DeriveTitle(ArticleDocument document, out string from)
    {
        var first = document.Sections.FirstOrDefault(s => s.Blocks.Count > 0 || s.Heading is not null);
        if (first?.Heading is { } heading)
        {
            from = "opening heading";
            return Shorten(heading);
        }
        from = "first sentence";
        var text = first?.Blocks.FirstOrDefault()?.Text ?? "";
        var end = text.IndexOfAny(['。', '！', '？', '!', '?', '\n']);
        return Shorten(end >= 0 ? text[..end] : text);
    }

    static string Shorten(string text)
    {
        // Quotes and punctuation at the edges of a sentence make a poor title: “…。” → …
        var trimmed = text.Trim().Trim('“', '”', '「', '」', '『', '』', '"', '\'', '‘', '’', '。', '，', ',', ' ');
        if (trimmed.Length == 0)
            return "(untitled)";
        return trimmed.Length <= DerivedTitleMaxLength ? trimmed : trimmed[..DerivedTitleMaxLength] + "…";
    }
}
