using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Store;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Keeps the tags table equal to tags.json and section_tags equal to what the sections mention.
/// Both write only differences, so an unchanged run writes no rows.
/// </summary>
internal sealed class TagWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    const char AliasSeparator = '|';

    /// <summary>Makes the tags table match the taxonomy; returns how many tag rows changed.</summary>
    public int Sync(IReadOnlyList<TagDefinition> taxonomy)
    {
        var stored = connection.Query<TagRow>("SELECT id, slug, name, kind, aliases FROM tags", transaction: transaction)
            .ToDictionary(t => t.Slug);
        var changed = 0;
        foreach (var tag in taxonomy)
        {
            var row = new { tag.Slug, tag.Name, tag.Kind, Aliases = string.Join(AliasSeparator, tag.Aliases) };
            if (!stored.TryGetValue(tag.Slug, out var old))
                changed += connection.Execute("INSERT INTO tags (slug, name, kind, aliases) VALUES (@Slug, @Name, @Kind, @Aliases)",
                    row, transaction);
            else if (old.Name != row.Name || old.Kind != row.Kind || old.Aliases != row.Aliases)
                changed += connection.Execute("UPDATE tags SET name = @Name, kind = @Kind, aliases = @Aliases WHERE slug = @Slug",
                    row, transaction);
        }
        // A tag taken out of tags.json goes, and with it (ON DELETE CASCADE) its section links.
        var gone = stored.Keys.Except(taxonomy.Select(t => t.Slug)).ToList();
        changed += connection.Execute("DELETE FROM tags WHERE slug IN @gone", new { gone }, transaction);
        return changed;
    }

    /// <summary>
    /// Re-derives the tags of the given articles' sections (all sections when null) from their
    /// heading and text; returns the links added and removed.
    /// </summary>
    public (int Added, int Removed) Link(IReadOnlyCollection<long>? articleIds)
    {
        var tags = connection.Query<TagRow>("SELECT id, slug, name, kind, aliases FROM tags", transaction: transaction)
            .Select(t => (t.Id, Definition: new TagDefinition(t.Name, t.Slug, t.Kind, t.Aliases.Split(AliasSeparator, StringSplitOptions.RemoveEmptyEntries))))
            .ToList();

        var scope = articleIds is null ? "1 = 1" : "s.article_id IN @articleIds";
        var sections = connection.Query<(long Id, string? Heading)>(
            $"SELECT s.id, s.heading FROM sections s WHERE {scope}", new { articleIds }, transaction);
        var texts = connection.Query<(long SectionId, string Text)>($"""
                SELECT p.section_id, p.text FROM paragraphs p JOIN sections s ON s.id = p.section_id
                WHERE {scope} ORDER BY p.section_id, p.ordinal
                """, new { articleIds }, transaction)
            .ToLookup(p => p.SectionId, p => p.Text);
        var current = connection.Query<(long SectionId, long TagId)>($"""
                SELECT st.section_id, st.tag_id FROM section_tags st JOIN sections s ON s.id = st.section_id
                WHERE {scope}
                """, new { articleIds }, transaction)
            .ToHashSet();

        var wanted = new HashSet<(long SectionId, long TagId)>();
        foreach (var (sectionId, heading) in sections)
        {
            var text = string.Join('\n', texts[sectionId].Prepend(heading ?? ""));
            foreach (var (tagId, definition) in tags)
                if (definition.IsMentionedIn(text))
                    wanted.Add((sectionId, tagId));
        }

        var add = wanted.Except(current).Select(l => new { l.SectionId, l.TagId }).ToList();
        var remove = current.Except(wanted).Select(l => new { l.SectionId, l.TagId }).ToList();
        connection.Execute("INSERT INTO section_tags (section_id, tag_id) VALUES (@SectionId, @TagId)", add, transaction);
        connection.Execute("DELETE FROM section_tags WHERE section_id = @SectionId AND tag_id = @TagId", remove, transaction);
        return (add.Count, remove.Count);
    }
}
