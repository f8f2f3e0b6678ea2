using System.Text.Json;
using PolicyNews.Archive.Text;

namespace PolicyNews.Archive.Store;

/// <summary>
/// An article's content in two queries, whatever its size: its sections joined with the article
/// row (each with its heading's marks and its tags), then the chosen sections' paragraphs (each
/// with its marks). The marks and tags of a row come along as JSON arrays built by SQLite
/// (<c>json_group_array</c>; PostgreSQL's <c>json_agg</c>: <see cref="ArchiveSql.JsonGroup"/>), so no query runs per section or per paragraph and no second round
/// trip per kind of mark: the article page used to take eight queries, a section page ten.
/// </summary>
internal static class ArticleContent
{
    const string RepairFields = """
        'offset', "offset", 'length', length, 'original', original, 'replacement', replacement,
        'confidence', confidence, 'lostBytes', lost_bytes, 'note', note
        """;

    /// <summary>The annotations or repairs of one owner (<paramref name="ownerColumn"/> = <paramref name="ownerId"/>) as a JSON array, in text order.</summary>
    static string Marks(ArchiveSql sql, string annotations, string repairs, string ownerColumn, string ownerId) => $"""
        (SELECT {sql.JsonGroup(sql.JsonObject("'offset', \"offset\", 'character', character, 'reading', reading"), "\"offset\", id")}
         FROM {annotations} WHERE {ownerColumn} = {ownerId}) AS Annotations,
        (SELECT {sql.JsonGroup(sql.JsonObject(RepairFields), "\"offset\", id")}
         FROM {repairs} WHERE {ownerColumn} = {ownerId}) AS Repairs
        """;

    /// <summary>Every section of the article <paramref name="article"/> picks (a condition over <c>a</c>), in order, with the article's columns.</summary>
    public static string Sections(ArchiveSql sql, string article) => $"""
        SELECT a.id, a.slug, a.title, a.title_derived AS TitleDerived, a.source, a.published, a.author,
               a.author_note AS AuthorNote, a.editor, a.url, a.script, a.summary,
               s.id AS SectionId, s.ordinal, s.heading, s.stable_id AS StableId, s.slug AS SectionSlug,
               {Marks(sql, MarkTables.Headings.Annotations, MarkTables.Headings.Repairs, MarkTables.Headings.OwnerColumn, "s.id")},
               (SELECT {sql.JsonGroup(sql.JsonObject("'slug', t.slug, 'name', t.name, 'kind', t.kind"), TagStore.TagOrder)}
                FROM section_tags st JOIN tags t ON t.id = st.tag_id
                WHERE st.section_id = s.id) AS Tags
        FROM articles a JOIN sections s ON s.article_id = a.id
        WHERE {article}
        ORDER BY s.ordinal
        """;

    /// <summary>The <paramref name="sections"/> with their paragraphs: those of the sections <paramref name="scope"/> picks (a condition over <c>s</c>).</summary>
    public static List<SectionView> Load(ReadSession session, IReadOnlyList<ArticleSectionRow> sections, string scope, object parameters)
    {
        var paragraphs = session.Query<ParagraphRow>($"""
            SELECT p.section_id AS SectionId, p.ordinal, p.kind, p.item_number AS ItemNumber, p.stable_id AS StableId, p.text,
                   {Marks(session.Sql, MarkTables.Paragraphs.Annotations, MarkTables.Paragraphs.Repairs, MarkTables.Paragraphs.OwnerColumn, "p.id")}
            FROM paragraphs p JOIN sections s ON s.id = p.section_id
            WHERE {scope}
            ORDER BY p.section_id, p.ordinal
            """, parameters).ToLookup(p => p.SectionId);

        return sections.Select(s => new SectionView(s.StableId, s.SectionSlug, s.Ordinal, s.Heading, ToMarks(s.Annotations, s.Repairs),
                paragraphs[s.SectionId].Select(p => new ParagraphView(p.StableId, p.Ordinal, EnumWords.ToBlockKind(p.Kind), p.ItemNumber,
                        p.Text, ToMarks(p.Annotations, p.Repairs)))
                    .ToList(),
                FromJson<TagRef>(s.Tags)))
            .ToList();
    }

    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    static TextMarks ToMarks(string annotations, string repairs) =>
        annotations == "[]" && repairs == "[]"
            ? TextMarks.None
            : new TextMarks(FromJson<ReadingAnnotation>(annotations), FromJson<RepairJson>(repairs).Select(r => r.ToRepair()).ToList());

    /// <summary>Most rows have no marks and few tags: an empty array costs no parsing.</summary>
    static List<T> FromJson<T>(string json) => json == "[]" ? [] : JsonSerializer.Deserialize<List<T>>(json, Json)!;

    sealed record RepairJson(int Offset, int Length, string Original, string Replacement, string Confidence, int LostBytes, string Note)
    {
        public Repair ToRepair() => new(Offset, Length, Original, Replacement, EnumWords.ToConfidence(Confidence), LostBytes, Note);
    }

    sealed class ParagraphRow
    {
        public long SectionId { get; set; }
        public int Ordinal { get; set; }
        public string Kind { get; set; } = "";
        public int? ItemNumber { get; set; }
        public string StableId { get; set; } = "";
        public string Text { get; set; } = "";
        public string Annotations { get; set; } = "[]";
        public string Repairs { get; set; } = "[]";
    }
}

/// <summary>An article row as the store reads it (<c>articles</c>' columns, see ArticleStore's ArticleColumns).</summary>
internal class ArticleRow
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

/// <summary>A section row with its article's columns (<see cref="ArticleContent.Sections"/>); its marks and tags as JSON arrays.</summary>
internal sealed class ArticleSectionRow : ArticleRow
{
    public long SectionId { get; set; }
    public int Ordinal { get; set; }
    public string? Heading { get; set; }
    public string StableId { get; set; } = "";
    public string SectionSlug { get; set; } = "";
    public string Annotations { get; set; } = "[]";
    public string Repairs { get; set; } = "[]";
    public string Tags { get; set; } = "[]";

    public SectionLink ToLink() => new(StableId, SectionSlug, Ordinal, Heading);
}
