using Dapper;
using Microsoft.Data.Sqlite;
using PolicyNews.Archive.Search;

namespace PolicyNews.Archive.Import;

/// <summary>
/// Keeps the search index (search_sections, migration 002) equal to the sections inside the
/// import transaction, so a run that rolls back leaves the index as it was. Tags are not in the
/// index (the tag filter joins section_tags), so only written sections need new rows.
/// </summary>
public sealed class SearchIndexWriter
{
    readonly SqliteConnection connection;
    readonly SqliteTransaction transaction;

    public SearchIndexWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
        SearchSqlFunctions.Register(connection);
    }

    /// <summary>A section's index row, read from its heading and its paragraphs in order (one line each).</summary>
    const string SectionRows = """
        INSERT INTO search_sections (rowid, heading, body, heading_pairs, body_pairs,
                                     heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs)
        SELECT id, search_words(heading), search_words(body), search_word_pairs(heading), search_word_pairs(body),
               search_pinyin(heading), search_pinyin(body), search_pinyin_pairs(heading), search_pinyin_pairs(body)
        FROM (
            SELECT s.id, s.heading,
                   (SELECT group_concat(text, char(10))
                    FROM (SELECT p.text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal)) AS body
            FROM sections s
            WHERE {0}
        )
        """;

    /// <summary>
    /// Re-indexes every section of the given articles and drops the rows of sections that no
    /// longer exist (a rewrite deletes sections whose stable ids vanished). Returns rows written.
    /// </summary>
    public int Refresh(IReadOnlyCollection<long> articleIds)
    {
        // Sections are only ever deleted by rewriting their article, so no rewrite, no orphans;
        // returning early keeps an unchanged run from touching the file at all.
        if (articleIds.Count == 0)
            return 0;
        connection.Execute("""
            DELETE FROM search_sections
            WHERE rowid NOT IN (SELECT id FROM sections)
               OR rowid IN (SELECT id FROM sections WHERE article_id IN @articleIds)
            """, new { articleIds }, transaction);
        return connection.Execute(string.Format(SectionRows, "s.article_id IN @articleIds"), new { articleIds }, transaction);
    }

    /// <summary>Empties the index and fills it again from every section (for tools and repairs).</summary>
    public int Rebuild()
    {
        connection.Execute("DELETE FROM search_sections", transaction: transaction);
        return connection.Execute(string.Format(SectionRows, "1 = 1"), transaction: transaction);
    }
}
