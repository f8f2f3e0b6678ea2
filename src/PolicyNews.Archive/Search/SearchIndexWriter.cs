using Dapper;
using Microsoft.Data.Sqlite;

namespace PolicyNews.Archive.Search;

/// <summary>
/// Keeps the search indexes (search_sections and search_headings, migration 005) equal
/// to the sections inside the import transaction, so a run that rolls back leaves them as they
/// were. Tags are not in the index (the tag filter joins section_tags), so only written sections
/// need new rows; a deleted section's rows go with it (a trigger of migration 005).
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
                                     heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
                                     heading_pinyin_readings, body_pinyin_readings)
        SELECT id, search_words(heading), search_words(body), search_word_pairs(heading), search_word_pairs(body),
               search_pinyin(heading), search_pinyin(body), search_pinyin_pairs(heading), search_pinyin_pairs(body),
               search_pinyin_readings(heading), search_pinyin_readings(body)
        FROM (
            SELECT s.id, s.heading,
                   (SELECT group_concat(text, char(10))
                    FROM (SELECT p.text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal)) AS body
            FROM sections s
            WHERE {0}
        )
        """;

    const string HeadingRows = """
        INSERT INTO search_headings (rowid, heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings)
        SELECT s.id, search_words(s.heading), search_word_pairs(s.heading), search_pinyin(s.heading), search_pinyin_pairs(s.heading),
               search_pinyin_readings(s.heading)
        FROM sections s
        WHERE s.heading IS NOT NULL AND {0}
        """;

    /// <summary>Re-indexes every section of the given articles.</summary>
    public void Refresh(IReadOnlyCollection<long> articleIds)
    {
        // Returning early keeps an unchanged run from touching the file at all.
        if (articleIds.Count > 0)
            Fill("rowid IN (SELECT id FROM sections WHERE article_id IN @articleIds)", "s.article_id IN @articleIds", new { articleIds });
    }

    /// <summary>Empties the index and fills it again from every section (for tools and repairs).</summary>
    public void Rebuild() => Fill("1 = 1", "1 = 1", null);

    /// <summary>Replaces the index rows chosen by <paramref name="rows"/> with fresh ones for the sections chosen by <paramref name="sections"/>.</summary>
    void Fill(string rows, string sections, object? parameters)
    {
        connection.Execute($"DELETE FROM search_sections WHERE {rows}", parameters, transaction);
        connection.Execute($"DELETE FROM search_headings WHERE {rows}", parameters, transaction);
        connection.Execute(string.Format(HeadingRows, sections), parameters, transaction);
        connection.Execute(string.Format(SectionRows, sections), parameters, transaction);
        Optimize();
    }

    /// <summary>
    /// Merges each index into a single b-tree. FTS5 writes every batch of rows as a new segment and
    /// a query reads each term from every segment; after a full build there were a dozen, and
    /// merging them cut search p95 by a quarter to a third (docs/search.md). It rewrites the whole
    /// index, about 13 s per 100,000 sections, which an import run can afford and a reader cannot.
    /// </summary>
    void Optimize() => connection.Execute("""
        INSERT INTO search_sections (search_sections) VALUES ('optimize');
        INSERT INTO search_headings (search_headings) VALUES ('optimize');
        """, transaction: transaction);
}
