using System.Globalization;
using System.Text.Json;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Store;

/// <summary>
/// Sections as flat records with their whole text, their tags and when their text last changed:
/// what the exports (CSV) and the Atom feeds carry. One query per read, whatever the number of
/// sections — blocks and tags come with each row as JSON arrays — so a read can stream rows one
/// at a time (<see cref="ForEach"/>) instead of holding the archive in memory.
/// </summary>
public sealed class SectionTextStore(ArchiveDatabase database)
{
    /// <summary>Every section in <paramref name="scope"/>, in its order, into <paramref name="each"/> as it is read.</summary>
    public void ForEach(SectionScope scope, Action<SectionTextView> each, CancellationToken cancellationToken = default) =>
        database.Read($"read {scope.What}", session =>
        {
            foreach (var row in session.Stream<Row>(Sql(session.Sql, scope), scope.Parameters))
                each(row.ToText());
            return true;
        }, cancellationToken);

    /// <summary>The sections in <paramref name="scope"/> as a list, for answers that are small by construction (a feed, a page of hits).</summary>
    public IReadOnlyList<SectionTextView> List(SectionScope scope, CancellationToken cancellationToken = default) =>
        database.Read($"list {scope.What}", session => session.Query<Row>(Sql(session.Sql, scope), scope.Parameters).Select(r => r.ToText()).ToList(),
            cancellationToken);

    /// <remarks>
    /// SQLite orders rows inside an aggregate since 3.44 (<c>json_group_array(… ORDER BY …)</c>);
    /// the bundled library is newer. <c>source_files.imported_at</c> changes only when the importer
    /// rewrites an article, which it does only when its file's bytes changed.
    /// </remarks>
    static string Sql(ArchiveSql sql, SectionScope scope) => $"""
        SELECT a.slug AS ArticleSlug, a.title AS ArticleTitle, a.source AS ArticleSource,
               a.published AS ArticlePublished, a.author AS ArticleAuthor, f.imported_at AS Updated,
               s.stable_id AS StableId, s.slug AS SectionSlug, s.ordinal, s.heading,
               (SELECT {sql.JsonGroup(sql.JsonArray("p.kind, p.item_number, p.text"), "p.ordinal")}
                FROM paragraphs p WHERE p.section_id = s.id) AS Blocks,
               (SELECT {sql.JsonGroup(sql.JsonArray("t.slug, t.name, t.kind"), TagStore.TagOrder)}
                FROM section_tags st JOIN tags t ON t.id = st.tag_id WHERE st.section_id = s.id) AS Tags
        FROM sections s
        JOIN articles a ON a.id = s.article_id
        JOIN source_files f ON f.id = a.source_file_id
        WHERE {scope.WhereIn(sql)}
        ORDER BY a.published DESC NULLS LAST, a.id DESC, s.ordinal
        {(scope.Limit is null ? "" : "LIMIT @limit")}
        """;

    sealed class Row
    {
        public string ArticleSlug { get; set; } = "";
        public string ArticleTitle { get; set; } = "";
        public string? ArticleSource { get; set; }
        public string? ArticlePublished { get; set; }
        public string? ArticleAuthor { get; set; }
        public string Updated { get; set; } = "";
        public string StableId { get; set; } = "";
        public string SectionSlug { get; set; } = "";
        public int Ordinal { get; set; }
        public string? Heading { get; set; }
        public string Blocks { get; set; } = "[]";
        public string Tags { get; set; } = "[]";

        public SectionTextView ToText() => new(
            new ArticleRef(ArticleSlug, ArticleTitle, ArticleSource, ArticlePublished, ArticleAuthor),
            new SectionLink(StableId, SectionSlug, Ordinal, Heading),
            JsonSerializer.Deserialize<JsonElement[][]>(Blocks)!
                .Select(b => new TextBlock(EnumWords.ToBlockKind(b[0].GetString()!), b[1].ValueKind == JsonValueKind.Null ? null : b[1].GetInt32(), b[2].GetString()!))
                .ToList(),
            JsonSerializer.Deserialize<string[][]>(Tags)!.Select(t => new TagRef(t[0], t[1], t[2])).ToList(),
            DateTimeOffset.ParseExact(Updated, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
    }
}

/// <summary>
/// Which sections a <see cref="SectionTextStore"/> read returns: a condition over sections
/// <c>s</c> and articles <c>a</c>, its parameters, and at most how many (newest articles first).
/// </summary>
public sealed record SectionScope(string What, string Where, object Parameters, int? Limit = null)
{
    /// <summary>A condition that needs the provider's spelling (<see cref="ArchiveSql"/>); when set, it replaces <see cref="Where"/>.</summary>
    Func<ArchiveSql, string>? spelled;

    internal string WhereIn(ArchiveSql sql) => spelled?.Invoke(sql) ?? Where;

    public static SectionScope All { get; } = new("every section", "1 = 1", new { });

    public static SectionScope OfArticle(string slug) => new($"the sections of article '{slug}'", "a.slug = @slug", new { slug });

    /// <summary>The sections tagged <paramref name="slug"/>, in the tag page's order; <paramref name="limit"/> keeps the newest.</summary>
    public static SectionScope OfTag(string slug, int? limit = null) => new($"the sections tagged '{slug}'",
        "s.id IN (SELECT st.section_id FROM section_tags st JOIN tags t ON t.id = st.tag_id WHERE t.slug = @slug)",
        new { slug, limit }, limit);

    /// <summary>The sections with these stable ids (a page of search hits); the caller puts them in its own order.</summary>
    public static SectionScope WithIds(IReadOnlyCollection<string> stableIds) =>
        new($"{stableIds.Count} sections by id", "s.stable_id IN @stableIds", new { stableIds = stableIds.ToArray() })
        {
            spelled = sql => sql.In("s.stable_id", "stableIds"),
        };

    /// <summary>Every section of the <paramref name="articles"/> newest articles (the main feed).</summary>
    public static SectionScope OfNewestArticles(int articles) => new($"the sections of the {articles} newest articles",
        "a.id IN (SELECT id FROM articles ORDER BY published DESC NULLS LAST, id DESC LIMIT @articles)", new { articles });
}

/// <summary>One block of a section's text: a paragraph, or a list item with the source's own number.</summary>
public sealed record TextBlock(BlockKind Kind, int? ItemNumber, string Text)
{
    /// <summary>The block as plain text: a list item keeps its number in front (<c>1. …</c>).</summary>
    public string Plain => ItemNumber is { } n ? $"{n}. {Text}" : Text;
}

/// <summary>A section with its article, its whole text in blocks, its tags, and when the importer last rewrote its article.</summary>
public sealed record SectionTextView(ArticleRef Article, SectionLink Section, IReadOnlyList<TextBlock> Blocks, IReadOnlyList<TagRef> Tags,
    DateTimeOffset Updated)
{
    /// <summary>The text as one string, a block per line.</summary>
    public string PlainText => string.Join('\n', Blocks.Select(b => b.Plain));
}
