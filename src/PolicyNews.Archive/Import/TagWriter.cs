using Dapper;
using System.Data.Common;
using PolicyNews.Archive.Store;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Keeps the tags table equal to tags.json and section_tags equal to what the sections mention
/// (<see cref="TagMatcher"/>). Both write only differences, so an unchanged run writes no rows.
/// </summary>
internal sealed class TagWriter(DbConnection connection, DbTransaction transaction)
{
    readonly ArchiveSql sql = ArchiveSql.For(connection);

    /// <summary>Makes the tags table match the taxonomy; returns how many tag rows changed.</summary>
    public int Sync(IReadOnlyList<TagDefinition> taxonomy)
    {
        var stored = StoredTags().ToDictionary(t => t.Slug);
        var changed = 0;
        foreach (var tag in taxonomy)
        {
            var row = new StoredTag(0, tag.Slug, tag.Name, tag.Kind, Join(tag.Aliases), Join(tag.Exclude ?? []));
            if (!stored.TryGetValue(tag.Slug, out var old))
                changed += connection.Execute(
                    "INSERT INTO tags (slug, name, kind, aliases, excludes) VALUES (@Slug, @Name, @Kind, @Aliases, @Excludes)",
                    row, transaction);
            // A NULL exclusion list (a row of the first matching rules, migration 006) differs from
            // every list, so such rows are rewritten and every section retagged.
            else if (old with { Id = 0 } != row)
                changed += connection.Execute(
                    "UPDATE tags SET name = @Name, kind = @Kind, aliases = @Aliases, excludes = @Excludes WHERE slug = @Slug",
                    row, transaction);
        }
        // A tag taken out of tags.json goes, and with it (ON DELETE CASCADE) its section links.
        var gone = stored.Keys.Except(taxonomy.Select(t => t.Slug)).ToList();
        changed += connection.Execute($"DELETE FROM tags WHERE {sql.In("slug", "gone")}", new { gone = gone.ToArray() }, transaction);
        return changed;
    }

    /// <summary>
    /// Re-derives the tags of the given articles' sections (all sections when null) from their
    /// heading and text; returns the links added and removed.
    /// </summary>
    public (int Added, int Removed) Link(IReadOnlyCollection<long>? articleIds)
    {
        var stored = StoredTags().ToList();
        var ids = stored.ToDictionary(t => t.Slug, t => t.Id);
        var matcher = new TagMatcher(stored.Select(t => t.Definition));

        // InIds rather than IN @list: a run of more than 32,766 articles would pass SQLite's limit on parameters.
        var scope = articleIds is null ? "1 = 1" : sql.InIds("s.article_id", "articleIds");
        var idList = articleIds is null ? null : sql.Ids(articleIds);
        var sections = connection.Query<(long Id, long ArticleId, string? Heading)>(
            $"SELECT s.id, s.article_id, s.heading FROM sections s WHERE {scope}", new { articleIds = idList }, transaction).ToList();
        var texts = connection.Query<(long SectionId, string Text)>($"""
                SELECT p.section_id, p.text FROM paragraphs p JOIN sections s ON s.id = p.section_id
                WHERE {scope} ORDER BY p.section_id, p.ordinal
                """, new { articleIds = idList }, transaction)
            .ToLookup(p => p.SectionId, p => p.Text);
        var current = connection.Query<(long SectionId, long TagId)>($"""
                SELECT st.section_id, st.tag_id FROM section_tags st JOIN sections s ON s.id = st.section_id
                WHERE {scope}
                """, new { articleIds = idList }, transaction)
            .ToHashSet();

        // The matcher is immutable: sections are matched on every core.
        var wanted = sections.AsParallel()
            .SelectMany(s => matcher.TagsMentionedIn(TaggingReader.SectionText(s.Heading, texts[s.Id])).Select(tag => (SectionId: s.Id, TagId: ids[tag.Slug])))
            .ToHashSet();

        var add = wanted.Except(current).Select(l => new { l.SectionId, l.TagId }).ToList();
        var remove = current.Except(wanted).Select(l => new { l.SectionId, l.TagId }).ToList();
        // Thousands of links per statement, not one statement per link: 346,145 links for 10,000
        // articles took 49 s on PostgreSQL as one round trip each.
        (string, string)[] links = [("section_id", "bigint"), ("tag_id", "bigint")];
        foreach (var chunk in add.Chunk(LinksPerStatement))
            connection.Execute(sql.InsertJsonRows("section_tags", "rows", links), new { rows = ArchiveSql.JsonRowsValue(chunk) }, transaction);
        foreach (var chunk in remove.Chunk(LinksPerStatement))
            connection.Execute($"DELETE FROM section_tags WHERE (section_id, tag_id) IN (SELECT * FROM {sql.JsonRows("rows", links)})",
                new { rows = ArchiveSql.JsonRowsValue(chunk) }, transaction);

        // Rewritten articles may have lost sections (and their links) before this ran; otherwise
        // only the articles whose links changed.
        var articleOf = sections.ToDictionary(s => s.Id, s => s.ArticleId);
        var touched = articleIds ?? add.Concat(remove).Select(l => articleOf[l.SectionId]).Distinct().ToList();
        RefreshArticleTags(touched);
        return (add.Count, remove.Count);
    }

    const int LinksPerStatement = 10_000;

    /// <summary>article_tags (migration 009) of these articles becomes the union of their sections' tags again.</summary>
    void RefreshArticleTags(IReadOnlyCollection<long> articleIds)
    {
        if (articleIds.Count == 0)
            return;
        var ids = sql.Ids(articleIds);   // InIds, as in Link
        connection.Execute($"""
            DELETE FROM article_tags WHERE {sql.InIds("article_id", "ids")};
            INSERT INTO article_tags (tag_id, article_id)
            SELECT DISTINCT st.tag_id, s.article_id
            FROM sections s JOIN section_tags st ON st.section_id = s.id
            WHERE {sql.InIds("s.article_id", "ids")};
            """, new { ids }, transaction);
    }

    IEnumerable<StoredTag> StoredTags() => connection.Query<StoredTag>(StoredTag.Sql, transaction: transaction);

    static string Join(IEnumerable<string> terms) => string.Join(StoredTag.ListSeparator, terms);
}
