using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Store;

/// <summary>Reads articles, their sections and paragraphs, shaped for the article pages.</summary>
public sealed class ArticleStore(ArchiveDatabase database)
{
    /// <summary>Every article, newest first (undated last), with its sections and the union of their tags.</summary>
    public IReadOnlyList<ArticleSummary> ListArticles(CancellationToken cancellationToken = default) => database.Read("list articles", session =>
    {
        var articles = session.Query<ArticleRow>(ArticlesNewestFirst);
        var sections = session.Query<SectionRow>("""
            SELECT id, article_id AS ArticleId, ordinal, heading, stable_id AS StableId, slug
            FROM sections
            ORDER BY article_id, ordinal
            """).ToLookup(s => s.ArticleId);
        var tags = session.Query<OwnedTagRow>($"""
            SELECT DISTINCT s.article_id AS OwnerId, t.slug, t.name, t.kind
            FROM section_tags st
            JOIN sections s ON s.id = st.section_id
            JOIN tags t ON t.id = st.tag_id
            ORDER BY {TagStore.TagOrder}
            """).ToLookup(t => t.OwnerId);

        return articles.Select(a => new ArticleSummary(a.Slug, a.Title, a.Source, a.Published, a.Author, a.Summary,
                sections[a.Id].Select(s => s.ToLink()).ToList(),
                tags[a.Id].Select(t => t.ToRef()).ToList()))
            .ToList();
    }, cancellationToken);

    /// <summary>One article by slug as a reference, without its text; null if unknown.</summary>
    public ArticleRef? FindArticle(string slug, CancellationToken cancellationToken = default) => database.Read($"find article '{slug}'", session =>
        session.QuerySingleOrDefault<ArticleRow>(ArticleBySlug, new { slug }) is { } a
            ? new ArticleRef(a.Slug, a.Title, a.Source, a.Published, a.Author) : null, cancellationToken);

    public long CountArticles() => database.Read("count articles", session =>
        session.QuerySingleOrDefault<long>("SELECT COUNT(*) FROM articles"));

    /// <summary>Every article as a reference, newest first: for pickers and filters, without sections or tags.</summary>
    public IReadOnlyList<ArticleRef> ListArticleRefs(CancellationToken cancellationToken = default) => database.Read("list article references", session =>
        session.Query<ArticleRow>(ArticlesNewestFirst)
            .Select(a => new ArticleRef(a.Slug, a.Title, a.Source, a.Published, a.Author))
            .ToList(), cancellationToken);

    /// <summary>The columns of an <see cref="ArticleRow"/>, for every query that reads whole articles.</summary>
    const string ArticleColumns = """
        SELECT id, slug, title, title_derived AS TitleDerived, source, published, author,
               author_note AS AuthorNote, editor, url, script, summary
        FROM articles
        """;

    const string ArticlesNewestFirst = $"{ArticleColumns} ORDER BY published DESC NULLS LAST, id DESC";

    /// <summary>One article by slug with all sections, paragraphs, annotations, repairs and tags; null if unknown.</summary>
    public ArticleView? GetArticle(string slug, CancellationToken cancellationToken = default) => database.Read($"load article '{slug}'", session =>
    {
        var article = session.QuerySingleOrDefault<ArticleRow>(ArticleBySlug, new { slug });
        if (article is null)
            return null;

        var sections = LoadSections(session, article.Id, sectionId: null);
        var tags = sections.SelectMany(s => s.Tags).Distinct().ToList();
        // Keep the same order the store uses everywhere: kind, then name.
        tags = tags.OrderBy(t => TagKinds.Rank(t.Kind)).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new ArticleView(article.Slug, article.Title, article.TitleDerived, article.Source, article.Published,
            article.Author, article.AuthorNote, article.Editor, article.Url, article.Script, article.Summary, sections, tags);
    }, cancellationToken);

    /// <summary>A section by its stable id (the id that survives re-imports); null if unknown.</summary>
    public ArticleSectionView? GetSection(string stableId, CancellationToken cancellationToken = default) => database.Read($"load section '{stableId}'", session =>
    {
        var section = session.QuerySingleOrDefault<SectionRow>("""
            SELECT id, article_id AS ArticleId, ordinal, heading, stable_id AS StableId, slug
            FROM sections WHERE stable_id = @stableId
            """, new { stableId });
        return section is null ? null : LoadSectionPage(session, section);
    }, cancellationToken);

    /// <summary>A section by its article's slug and its own slug, e.g. <c>deepseek-…/wei-shen-me-deepseek-cheng-gong-le</c>; null if unknown.</summary>
    public ArticleSectionView? GetSection(string articleSlug, string sectionSlug, CancellationToken cancellationToken = default) =>
        database.Read($"load section '{sectionSlug}' of article '{articleSlug}'", session =>
        {
            var section = session.QuerySingleOrDefault<SectionRow>("""
                SELECT s.id, s.article_id AS ArticleId, s.ordinal, s.heading, s.stable_id AS StableId, s.slug
                FROM sections s JOIN articles a ON a.id = s.article_id
                WHERE a.slug = @articleSlug AND s.slug = @sectionSlug
                """, new { articleSlug, sectionSlug });
            return section is null ? null : LoadSectionPage(session, section);
        }, cancellationToken);

    /// <summary>
    /// Where a path that a re-import retired leads now: the article (and the section, if the path
    /// showed one that still exists); null if the path never existed. <paramref name="sectionSlug"/>
    /// is null for an article page path.
    /// </summary>
    public MovedPath? FindMoved(string articleSlug, string? sectionSlug, CancellationToken cancellationToken = default) =>
        Moved($"look up retired path '{articleSlug}/{sectionSlug}'",
            "retired_paths", "r.article_slug = @articleSlug AND r.section_slug = @section",
            new { articleSlug, section = sectionSlug ?? "" }, cancellationToken);

    /// <summary>Where a section id that a re-import retired leads now (the same heading's section, or the article); null if unknown.</summary>
    public MovedPath? FindMovedSection(string stableId, CancellationToken cancellationToken = default) =>
        Moved($"look up retired section id '{stableId}'", "retired_section_ids", "r.stable_id = @stableId", new { stableId }, cancellationToken);

    /// <summary>Both retired tables point at an article and maybe a section; <paramref name="condition"/> picks the row.</summary>
    MovedPath? Moved(string what, string table, string condition, object parameters, CancellationToken cancellationToken = default) => database.Read(what, session =>
    {
        var row = session.QuerySingleOrDefault<MovedRow>($"""
            SELECT a.slug AS ArticleSlug, s.slug AS SectionSlug
            FROM {table} r
            JOIN articles a ON a.id = r.article_id
            LEFT JOIN sections s ON s.stable_id = r.section_stable_id
            WHERE {condition}
            """, parameters);
        return row is null ? null : new MovedPath(row.ArticleSlug, row.SectionSlug);
    }, cancellationToken);

    const string ArticleBySlug = $"{ArticleColumns} WHERE slug = @slug";

    static ArticleSectionView LoadSectionPage(ReadSession session, SectionRow section)
    {
        var article = session.QuerySingleOrDefault<ArticleRow>($"{ArticleColumns} WHERE id = @ArticleId", new { section.ArticleId })!;
        var links = session.Query<SectionRow>("""
            SELECT id, article_id AS ArticleId, ordinal, heading, stable_id AS StableId, slug
            FROM sections WHERE article_id = @ArticleId ORDER BY ordinal
            """, new { section.ArticleId });
        var index = links.FindIndex(s => s.Id == section.Id);

        return new ArticleSectionView(
            new ArticleRef(article.Slug, article.Title, article.Source, article.Published, article.Author),
            LoadSections(session, section.ArticleId, section.Id).Single(),
            index > 0 ? links[index - 1].ToLink() : null,
            index < links.Count - 1 ? links[index + 1].ToLink() : null);
    }

    /// <summary>The sections of one article (or just one of them) with their blocks, the marks of both, and their tags.</summary>
    static List<SectionView> LoadSections(ReadSession session, long articleId, long? sectionId)
    {
        var filter = new { articleId, sectionId };
        const string InScope = "s.article_id = @articleId AND (@sectionId IS NULL OR s.id = @sectionId)";

        var sections = session.Query<SectionRow>($"""
            SELECT s.id, s.article_id AS ArticleId, s.ordinal, s.heading, s.stable_id AS StableId, s.slug
            FROM sections s WHERE {InScope} ORDER BY s.ordinal
            """, filter);
        var paragraphs = session.Query<ParagraphRow>($"""
            SELECT p.id, p.section_id AS SectionId, p.ordinal, p.kind, p.item_number AS ItemNumber,
                   p.stable_id AS StableId, p.text
            FROM paragraphs p JOIN sections s ON s.id = p.section_id
            WHERE {InScope} ORDER BY p.ordinal
            """, filter).ToLookup(p => p.SectionId);
        var paragraphMarks = LoadMarks(session, MarkTables.Paragraphs, InScope, filter);
        var headingMarks = LoadMarks(session, MarkTables.Headings, InScope, filter);
        var tags = session.Query<OwnedTagRow>($"""
            SELECT st.section_id AS OwnerId, t.slug, t.name, t.kind
            FROM section_tags st
            JOIN sections s ON s.id = st.section_id
            JOIN tags t ON t.id = st.tag_id
            WHERE {InScope} ORDER BY {TagStore.TagOrder}
            """, filter).ToLookup(t => t.OwnerId);

        return sections.Select(s => new SectionView(s.StableId, s.Slug, s.Ordinal, s.Heading, headingMarks(s.Id),
                paragraphs[s.Id].Select(p => new ParagraphView(p.StableId, p.Ordinal, EnumWords.ToBlockKind(p.Kind), p.ItemNumber,
                        p.Text, paragraphMarks(p.Id)))
                    .ToList(),
                tags[s.Id].Select(t => t.ToRef()).ToList()))
            .ToList();
    }

    /// <summary>The marks of every paragraph (or heading) in the sections <paramref name="scope"/> picks, by the owner's row id.</summary>
    static Func<long, TextMarks> LoadMarks(ReadSession session, MarkTables tables, string scope, object filter)
    {
        var annotations = session.Query<AnnotationRow>($"""
            SELECT {tables.OwnerColumn} AS OwnerId, offset, character, reading
            FROM {tables.Annotations} WHERE {tables.OwnedIn(scope)} ORDER BY offset, id
            """, filter).ToLookup(n => n.OwnerId, n => n.ToAnnotation());
        var repairs = session.Query<RepairRow>($"""
            SELECT {tables.OwnerColumn} AS OwnerId, offset, length, original, replacement,
                   confidence, lost_bytes AS LostBytes, note
            FROM {tables.Repairs} WHERE {tables.OwnedIn(scope)} ORDER BY offset, id
            """, filter).ToLookup(r => r.OwnerId, r => r.ToRepair());
        return owner => new TextMarks(annotations[owner].ToList(), repairs[owner].ToList());
    }

    // Row types: Dapper fills properties by name (converting SQLite's Int64 where needed); the
    // records above are built from them so views never see row ids.

    sealed class ArticleRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Title { get; set; } = "";
        public bool TitleDerived { get; set; }
        public string? Source { get; set; }
        public string? Published { get; set; }
        public string? Author { get; set; }
        public string? AuthorNote { get; set; }
        public string? Editor { get; set; }
        public string? Url { get; set; }
        public string Script { get; set; } = "";
        public string? Summary { get; set; }
    }

    sealed class MovedRow
    {
        public string ArticleSlug { get; set; } = "";
        public string? SectionSlug { get; set; }
    }

    sealed class SectionRow
    {
        public long Id { get; set; }
        public long ArticleId { get; set; }
        public int Ordinal { get; set; }
        public string? Heading { get; set; }
        public string StableId { get; set; } = "";
        public string Slug { get; set; } = "";
        public SectionLink ToLink() => new(StableId, Slug, Ordinal, Heading);
    }

    sealed class ParagraphRow
    {
        public long Id { get; set; }
        public long SectionId { get; set; }
        public int Ordinal { get; set; }
        public string Kind { get; set; } = "";
        public int? ItemNumber { get; set; }
        public string StableId { get; set; } = "";
        public string Text { get; set; } = "";
    }

    /// <summary>An annotation; its owner is a paragraph, or for a heading a section (so too for repairs).</summary>
    sealed class AnnotationRow
    {
        public long OwnerId { get; set; }
        public int Offset { get; set; }
        public string Character { get; set; } = "";
        public string Reading { get; set; } = "";
        public ReadingAnnotation ToAnnotation() => new(Offset, Character, Reading);
    }

    sealed class RepairRow
    {
        public long OwnerId { get; set; }
        public int Offset { get; set; }
        public int Length { get; set; }
        public string Original { get; set; } = "";
        public string Replacement { get; set; } = "";
        public string Confidence { get; set; } = "";
        public int LostBytes { get; set; }
        public string Note { get; set; } = "";

        public Repair ToRepair() => new(Offset, Length, Original, Replacement, EnumWords.ToConfidence(Confidence), LostBytes, Note);
    }

    sealed class OwnedTagRow
    {
        public long OwnerId { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public TagRef ToRef() => new(Slug, Name, Kind);
    }
}
