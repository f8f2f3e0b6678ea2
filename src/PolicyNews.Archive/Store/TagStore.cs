namespace PolicyNews.Archive.Store;

/// <summary>Reads the tag taxonomy and what it tags, shaped for the tag pages.</summary>
public sealed class TagStore(ArchiveDatabase database)
{
    /// <summary>Tags are listed topics first, then people, organisations and places; by name within a kind.</summary>
    internal static readonly string TagOrder = $"{TagKinds.SqlRank("t.kind")}, t.name";

    /// <summary>Every tag with how many sections and articles carry it (zero included, so editors see unused tags).</summary>
    public IReadOnlyList<TagSummary> ListTags(CancellationToken cancellationToken = default) => ListTags("list tags", having: "", cancellationToken);

    /// <summary>The tags that at least one section carries (what search filters by and the sitemap lists), ordered as <see cref="ListTags(CancellationToken)"/>.</summary>
    public IReadOnlyList<TagSummary> ListTagsInUse(CancellationToken cancellationToken = default) => ListTags("list tags in use", having: "HAVING COUNT(st.section_id) > 0", cancellationToken);

    IReadOnlyList<TagSummary> ListTags(string operation, string having, CancellationToken cancellationToken = default) => database.Read(operation, session =>
        session.Query<TagSummaryRow>($"""
            SELECT t.slug, t.name, t.kind,
                   COUNT(st.section_id)        AS SectionCount,
                   COUNT(DISTINCT s.article_id) AS ArticleCount
            FROM tags t
            LEFT JOIN section_tags st ON st.tag_id = t.id
            LEFT JOIN sections s ON s.id = st.section_id
            GROUP BY t.id
            {having}
            ORDER BY {TagOrder}
            """)
            .Select(t => new TagSummary(t.Slug, t.Name, t.Kind, t.SectionCount, t.ArticleCount))
            .ToList(), cancellationToken);

    /// <summary>One tag by slug as a reference, without what it tags; null if unknown.</summary>
    public TagRef? FindTag(string slug, CancellationToken cancellationToken = default) => database.Read($"find tag '{slug}'", session =>
        session.QuerySingleOrDefault<TagRow>("SELECT id, slug, name, kind, aliases FROM tags WHERE slug = @slug", new { slug }) is { } tag
            ? new TagRef(tag.Slug, tag.Name, tag.Kind) : null, cancellationToken);

    public const int DefaultPageSize = 50;

    /// <summary>
    /// One tag by slug with its aliases and a page of its tagged sections, newest article first; null
    /// if unknown. A page past the end has no sections (<see cref="Paging.IsPastEnd"/>).
    /// </summary>
    public TagView? GetTag(string slug, int page = 1, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
        database.Read($"load tag '{slug}', page {page}", session =>
    {
        var tag = session.QuerySingleOrDefault<TagRow>(
            "SELECT id, slug, name, kind, aliases FROM tags WHERE slug = @slug", new { slug });
        if (tag is null)
            return null;

        var paging = Paging.Of(page, pageSize);
        var sections = session.Query<TaggedSectionRow>("""
            SELECT a.slug AS ArticleSlug, a.title AS ArticleTitle, a.source AS ArticleSource,
                   a.published AS ArticlePublished,
                   s.stable_id AS StableId, s.slug AS SectionSlug, s.ordinal, s.heading,
                   (SELECT p.text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal LIMIT 1) AS Excerpt
            FROM section_tags st
            JOIN sections s ON s.id = st.section_id
            JOIN articles a ON a.id = s.article_id
            WHERE st.tag_id = @Id
            ORDER BY a.published DESC NULLS LAST, a.id DESC, s.ordinal
            LIMIT @Take OFFSET @Skip
            """, new { tag.Id, paging.Take, paging.Skip });
        // section_tags_by_tag alone: no section or article is read to count.
        var total = session.QuerySingleOrDefault<int>("SELECT COUNT(*) FROM section_tags WHERE tag_id = @Id", new { tag.Id });

        return new TagView(tag.Slug, tag.Name, tag.Kind,
            tag.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries),
            sections.Select(s => new TaggedSection(
                    new ArticleRef(s.ArticleSlug, s.ArticleTitle, s.ArticleSource, s.ArticlePublished),
                    new SectionLink(s.StableId, s.SectionSlug, s.Ordinal, s.Heading),
                    s.Excerpt))
                .ToList(),
            paging with { Total = total });
    }, cancellationToken);

    sealed class TagSummaryRow
    {
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public int SectionCount { get; set; }
        public int ArticleCount { get; set; }
    }

    sealed class TaggedSectionRow
    {
        public string ArticleSlug { get; set; } = "";
        public string ArticleTitle { get; set; } = "";
        public string? ArticleSource { get; set; }
        public string? ArticlePublished { get; set; }
        public string StableId { get; set; } = "";
        public string SectionSlug { get; set; } = "";
        public int Ordinal { get; set; }
        public string? Heading { get; set; }
        public string? Excerpt { get; set; }
    }
}

/// <summary>A row of the tags table as the store reads it: aliases are one '|'-separated string.</summary>
internal sealed class TagRow
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Aliases { get; set; } = "";
}
