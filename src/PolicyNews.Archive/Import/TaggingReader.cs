using PolicyNews.Archive.Store;

namespace PolicyNews.Archive.Import;

/// <summary>The text of one section as tagging reads it: heading and paragraphs, a line each.</summary>
public sealed record SectionText(string ArticleSlug, string Text);

/// <summary>
/// Reads what tagging works on from an archive: the stored taxonomy and every section's text, in
/// the same form <see cref="TagWriter"/> tags them. The importer's suggest-tags command reads it.
/// </summary>
public static class TaggingReader
{
    public static (IReadOnlyList<TagDefinition> Tags, IReadOnlyList<SectionText> Sections) Read(ArchiveDatabase database) =>
        database.Read("read the taxonomy and section texts", session =>
        {
            var tags = session.Query<StoredTag>(StoredTag.Sql).Select(t => t.Definition).ToList();
            var rows = session.Query<(string ArticleSlug, long SectionId, string? Heading, string? Text)>("""
                SELECT a.slug, s.id, s.heading, p.text
                FROM sections s
                JOIN articles a ON a.id = s.article_id
                LEFT JOIN paragraphs p ON p.section_id = s.id
                ORDER BY a.id, s.ordinal, p.ordinal
                """);
            var sections = rows.GroupBy(r => (r.ArticleSlug, r.SectionId))
                .Select(g => new SectionText(g.Key.ArticleSlug,
                    SectionText(g.First().Heading, g.Where(r => r.Text is not null).Select(r => r.Text!))))
                .ToList();
            return ((IReadOnlyList<TagDefinition>)tags, (IReadOnlyList<SectionText>)sections);
        });

    /// <summary>One text per section, lines apart, so no term matches across a paragraph break.</summary>
    internal static string SectionText(string? heading, IEnumerable<string> paragraphs) =>
        string.Join('\n', paragraphs.Prepend(heading ?? ""));
}

/// <summary>A row of the tags table: aliases and exclusions '|'-separated; exclusions NULL for rows of the first matching rules (migration 006).</summary>
internal sealed record StoredTag(long Id, string Slug, string Name, string Kind, string Aliases, string? Excludes)
{
    public const char ListSeparator = '|';
    public const string Sql = "SELECT id, slug, name, kind, aliases, excludes FROM tags";

    public TagDefinition Definition => new(Name, Slug, Kind, Split(Aliases), Split(Excludes ?? ""));

    static string[] Split(string list) => list.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries);
}
