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
            SELECT s.article_id AS OwnerId, t.slug, t.name, t.kind
            FROM section_tags st
            JOIN sections s ON s.id = st.section_id
            JOIN tags t ON t.id = st.tag_id
            GROUP BY s.article_id, t.id
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

    /// <summary>As <see cref="CountArticles"/>, on the primary (ConnectionStrings:Archive) when reads go to a replica: whether to seed it.</summary>
    public long CountArticlesOnPrimary() => database.ReadPrimary("count articles on the primary", session =>
        session.QuerySingleOrDefault<long>("SELECT COUNT(*) FROM articles"));

    /// <summary>The columns of an <see cref="ArticleRow"/>, for every query that reads whole articles.</summary>
    const string ArticleColumns = """
        SELECT id, slug, title, title_derived AS TitleDerived, source, published, author,
               author_note AS AuthorNote, editor, url, script, summary
        FROM articles
        """;

    const string ArticlesNewestFirst = $"{ArticleColumns} ORDER BY published DESC NULLS LAST, id DESC";

    const string ArticleBySlug = $"{ArticleColumns} WHERE slug = @slug";

    /// <summary>One article by slug with all sections, paragraphs, annotations, repairs and tags; null if unknown. Two queries.</summary>
    public ArticleView? GetArticle(string slug, CancellationToken cancellationToken = default) => database.Read($"load article '{slug}'", session =>
    {
        var rows = session.Query<ArticleSectionRow>(ArticleContent.Sections(session.Sql, "a.slug = @slug"), new { slug });
        if (rows.Count == 0)
            return null;
        var article = rows[0];
        var sections = ArticleContent.Load(session, rows, "s.article_id = @Id", new { article.Id });
        // Keep the same order the store uses everywhere: kind, then name.
        var tags = sections.SelectMany(s => s.Tags).Distinct()
            .OrderBy(t => TagKinds.Rank(t.Kind)).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new ArticleView(article.Slug, article.Title, article.TitleDerived, article.Source, article.Published,
            article.Author, article.AuthorNote, article.Editor, article.Url, article.Script, article.Summary, sections, tags);
    }, cancellationToken);

    /// <summary>A section by its stable id (the id that survives re-imports); null if unknown. Two queries.</summary>
    public ArticleSectionView? GetSection(string stableId, CancellationToken cancellationToken = default) => database.Read($"load section '{stableId}'", session =>
        LoadSectionPage(session, "a.id = (SELECT article_id FROM sections WHERE stable_id = @stableId)", new { stableId }, s => s.StableId == stableId),
        cancellationToken);

    /// <summary>A section by its article's slug and its own slug, e.g. <c>deepseek-…/wei-shen-me-deepseek-cheng-gong-le</c>; null if unknown. Two queries.</summary>
    public ArticleSectionView? GetSection(string articleSlug, string sectionSlug, CancellationToken cancellationToken = default) =>
        database.Read($"load section '{sectionSlug}' of article '{articleSlug}'", session =>
            LoadSectionPage(session, "a.slug = @articleSlug", new { articleSlug }, s => s.SectionSlug == sectionSlug), cancellationToken);

    /// <summary>
    /// A section page: its article's sections (for the neighbours, one query) and the chosen
    /// section's paragraphs (the second); null when the article or the section is unknown.
    /// </summary>
    static ArticleSectionView? LoadSectionPage(ReadSession session, string article, object parameters, Func<ArticleSectionRow, bool> isSection)
    {
        var rows = session.Query<ArticleSectionRow>(ArticleContent.Sections(session.Sql, article), parameters);
        var index = rows.FindIndex(r => isSection(r));
        if (index < 0)
            return null;
        var row = rows[index];
        return new ArticleSectionView(
            new ArticleRef(row.Slug, row.Title, row.Source, row.Published, row.Author),
            ArticleContent.Load(session, [row], "s.id = @SectionId", new { row.SectionId }).Single(),
            index > 0 ? rows[index - 1].ToLink() : null,
            index < rows.Count - 1 ? rows[index + 1].ToLink() : null);
    }

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

    // Row types: Dapper fills properties by name (converting SQLite's Int64 where needed); the
    // records above are built from them so views never see row ids.

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

    sealed class OwnedTagRow
    {
        public long OwnerId { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public TagRef ToRef() => new(Slug, Name, Kind);
    }
}
