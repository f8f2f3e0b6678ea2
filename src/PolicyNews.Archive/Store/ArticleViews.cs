using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Store;

// What the article pages render. Ids that readers see are slugs and stable ids; integer row ids stay
// inside the store.

/// <summary>A tag as a link: its slug for the URL, its name to show, its kind to group by.</summary>
public sealed record TagRef(string Slug, string Name, string Kind);

/// <summary>A section as a link or table-of-contents entry. Ordinal 0 is the lead (no heading).</summary>
public sealed record SectionLink(string StableId, string Slug, int Ordinal, string? Heading)
{
    public bool IsLead => Ordinal == 0;
}

/// <summary>An article as a card in the newest-first list; <see cref="Type"/> is an <see cref="ArticleTypes"/> key.</summary>
public sealed record ArticleSummary(
    string Slug,
    string Title,
    string? Source,
    string? Published,
    string? Author,
    string? Summary,
    IReadOnlyList<SectionLink> Sections,
    IReadOnlyList<TagRef> Tags,
    string Type = ArticleTypes.Default)
{
    public ArticleRef Ref => new(Slug, Title, Source, Published, Author);
}

/// <summary>Just enough of an article to title (and cite) a page that shows one of its sections; lists may leave Author out.</summary>
public sealed record ArticleRef(string Slug, string Title, string? Source, string? Published, string? Author = null);

/// <summary>One article with everything its page shows.</summary>
public sealed record ArticleView(
    string Slug,
    string Title,
    bool TitleDerived,
    string? Source,
    string? Published,
    string? Author,
    string? AuthorNote,
    string? Editor,
    string? Url,
    string Script,
    string? Summary,
    IReadOnlyList<SectionView> Sections,
    IReadOnlyList<TagRef> Tags)
{
    public ArticleRef Ref => new(Slug, Title, Source, Published, Author);

    /// <summary>Repairs in the article's paragraphs (heading repairs are listed per section, not counted here).</summary>
    public int RepairCount => Sections.Sum(s => s.Paragraphs.Sum(p => p.Marks.Repairs.Count));
}

/// <summary>A section with its heading's marks (offsets into <see cref="Heading"/>), its paragraphs and its tags.</summary>
public sealed record SectionView(
    string StableId,
    string Slug,
    int Ordinal,
    string? Heading,
    TextMarks HeadingMarks,
    IReadOnlyList<ParagraphView> Paragraphs,
    IReadOnlyList<TagRef> Tags)
{
    public bool IsLead => Ordinal == 0;
    public SectionLink Link => new(StableId, Slug, Ordinal, Heading);

    /// <summary>Every repair in the section: the heading's first, then the paragraphs' in reading order.</summary>
    public IEnumerable<Repair> AllRepairs => HeadingMarks.Repairs.Concat(Paragraphs.SelectMany(p => p.Marks.Repairs));
}

/// <summary>A paragraph or list item; <see cref="StableId"/> is its anchor and survives re-imports.</summary>
public sealed record ParagraphView(
    string StableId,
    int Ordinal,
    BlockKind Kind,
    int? ItemNumber,
    string Text,
    TextMarks Marks)
{
    public bool IsListItem => Kind == BlockKind.ListItem;
}

/// <summary>One section shown on its own page, with its article and neighbours for navigation.</summary>
public sealed record ArticleSectionView(ArticleRef Article, SectionView Section, SectionLink? Previous, SectionLink? Next);

/// <summary>Where a retired path leads: an article, and a section of it when the old path showed one that still exists.</summary>
public sealed record MovedPath(string ArticleSlug, string? SectionSlug);
