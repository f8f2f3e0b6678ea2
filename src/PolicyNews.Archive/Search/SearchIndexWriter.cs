using Dapper;
using Microsoft.Data.Sqlite;

namespace PolicyNews.Archive.Search;

/// <summary>
/// Keeps the search indexes (search_sections and search_headings, migration 005) equal
/// to the sections inside the import transaction, so a run that rolls back leaves them as they
/// were. A section's tag names and its article's title, author and source are indexed with it
/// (labels, migration 010), so the importer refreshes the articles it wrote, those whose metadata
/// changed, and every article when the taxonomy changed; a deleted section's rows go with it (a
/// trigger of migration 005).
/// </summary>
/// <remarks>
/// The index forms (<see cref="SearchTokens.ForIndex"/>) are most of an import's work, so they are
/// made here on every core, a batch of sections at a time, and written by one reused INSERT —
/// not by the search_* SQL functions, which SQLite calls one at a time on the writing thread.
/// The rows are read back from the tables just written, so what is indexed is exactly what is stored.
/// </remarks>
public sealed class SearchIndexWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    /// <summary>Sections read, tokenised and written per round: bounds the memory an import of any size holds.</summary>
    const int BatchSize = 2_000;

    /// <summary>
    /// How many pages of merging FTS5 may do per merge step after a run, and how many segments of one
    /// level it waits for (its <c>automerge</c>, default 4). See <see cref="Merge"/>.
    /// </summary>
    const int MergePages = 2_000, AutoMerge = 4;

    /// <summary>
    /// A section's heading, body (its paragraphs in order, one line each) and labels, the texts both
    /// indexes are made from: the lead (ordinal 0) has its article's title as its heading and the
    /// author and source as labels; every section the names of its tags (migration 010), in the order
    /// of the tags' ids on both providers: a phrase can run from one label into the next (FTS5 reads the
    /// break between them as a separator), so the order decides what it finds.
    /// </summary>
    const string SectionTexts = """
        SELECT s.id,
               CASE WHEN s.ordinal = 0 THEN a.title || COALESCE(char(10) || s.heading, '') ELSE s.heading END AS heading,
               (SELECT group_concat(text, char(10))
                FROM (SELECT p.text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal)) AS body,
               (SELECT group_concat(label, char(10))
                FROM (SELECT 1 AS n, 0 AS k, a.author AS label WHERE s.ordinal = 0
                      UNION ALL SELECT 2, 0, a.source WHERE s.ordinal = 0
                      UNION ALL SELECT 3, t.id, t.name FROM section_tags st JOIN tags t ON t.id = st.tag_id WHERE st.section_id = s.id
                      ORDER BY 1, 2)) AS labels
        FROM sections s JOIN articles a ON a.id = s.article_id
        WHERE s.id > @after AND {0}
        ORDER BY s.id
        LIMIT @limit
        """;

    const string SectionRow = """
        INSERT INTO search_sections (rowid, heading, body, heading_pairs, body_pairs,
                                     heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
                                     heading_pinyin_readings, body_pinyin_readings,
                                     heading_pinyin_words, body_pinyin_words, labels, label_pairs)
        VALUES ($id, $h1, $b1, $h2, $b2, $h3, $b3, $h4, $b4, $h5, $b5, $h6, $b6, $l1, $l2)
        """;

    const string HeadingRow = """
        INSERT INTO search_headings (rowid, heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings,
                                     heading_pinyin_words)
        VALUES ($id, $h1, $h2, $h3, $h4, $h5, $h6)
        """;

    /// <summary>Re-indexes every section of the given articles; <paramref name="indexed"/> is told how many sections are done after each batch.</summary>
    public void Refresh(IReadOnlyCollection<long> articleIds, Action<int>? indexed = null)
    {
        // Returning early keeps an unchanged run from touching the file at all.
        if (articleIds.Count == 0)
            return;
        // Into a temporary table once, rather than an IN list of every id in each batch's query.
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS index_articles (id INTEGER PRIMARY KEY); DELETE FROM index_articles;",
            transaction: transaction);
        connection.Execute("INSERT INTO index_articles (id) VALUES (@id)", articleIds.Select(id => new { id }), transaction);
        Fill("rowid IN (SELECT s.id FROM sections s JOIN index_articles i ON i.id = s.article_id)",
            "s.article_id IN (SELECT id FROM index_articles)", indexed);
        connection.Execute("DELETE FROM index_articles", transaction: transaction);
    }

    /// <summary>Empties the index and fills it again from every section (for tools and repairs).</summary>
    public void Rebuild() => Fill("1 = 1", "1 = 1", indexed: null);

    /// <summary>Replaces the index rows chosen by <paramref name="rows"/> with fresh ones for the sections chosen by <paramref name="sections"/>.</summary>
    void Fill(string rows, string sections, Action<int>? indexed)
    {
        connection.Execute($"DELETE FROM search_sections WHERE {rows}", transaction: transaction);
        connection.Execute($"DELETE FROM search_headings WHERE {rows}", transaction: transaction);

        using var sectionInsert = Insert(SectionRow, "$h1", "$b1", "$h2", "$b2", "$h3", "$b3", "$h4", "$b4", "$h5", "$b5", "$h6", "$b6", "$l1", "$l2");
        using var headingInsert = Insert(HeadingRow, "$h1", "$h2", "$h3", "$h4", "$h5", "$h6");
        var read = string.Format(SectionTexts, sections);
        var done = 0;
        for (long after = 0; ;)
        {
            var batch = connection.Query<(long Id, string? Heading, string? Body, string? Labels)>(read, new { after, limit = BatchSize }, transaction).AsList();
            if (batch.Count == 0)
                break;
            after = batch[^1].Id;
            // The forms on every core, in order, streamed: the one connection writes each row while
            // the next rows are still being made.
            var forms = batch.AsParallel().AsOrdered()
                .Select(s => (s.Id, Heading: SearchTokens.ForIndex(s.Heading), Body: SearchTokens.ForIndex(s.Body ?? "")!,
                    Labels: SearchTokens.ForIndex(s.Labels)));
            foreach (var (id, heading, body, labels) in forms)
            {
                Run(sectionInsert, id, heading?.Words, body.Words, heading?.WordPairs, body.WordPairs, heading?.Pinyin, body.Pinyin,
                    heading?.PinyinPairs, body.PinyinPairs, heading?.PinyinReadingPairs, body.PinyinReadingPairs,
                    heading?.PinyinWords, body.PinyinWords, labels?.Words, labels?.WordPairs);
                if (heading is not null)
                    Run(headingInsert, id, heading.Words, heading.WordPairs, heading.Pinyin, heading.PinyinPairs, heading.PinyinReadingPairs,
                        heading.PinyinWords);
            }
            indexed?.Invoke(done += batch.Count);
        }
        Merge();
    }

    /// <summary>One command for all rows: SQLite compiles the statement once, not once per row.</summary>
    SqliteCommand Insert(string sql, params string[] texts)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$id", SqliteType.Integer);
        foreach (var name in texts)
            command.Parameters.Add(name, SqliteType.Text);
        return command;
    }

    static void Run(SqliteCommand command, long id, params string?[] values)
    {
        command.Parameters[0].Value = id;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i + 1].Value = (object?)values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Merges the segments this run wrote into the index incrementally, not into one b-tree. FTS5
    /// writes every batch of rows as a new segment and a query reads each term from every segment;
    /// 'merge' combines segments of one level once <see cref="AutoMerge"/> of them pile up, so an
    /// index of n rows keeps a few segments per level (log n levels) and a run pays for merging
    /// roughly what it added. The whole-index 'optimize' each run used to do rewrote every row
    /// (13 s per 100,000 sections). Each step does at most <see cref="MergePages"/> pages; the
    /// steps go on while one still changes something (the way FTS5's documentation describes).
    /// Search latency with either: docs/performance.md.
    /// </summary>
    void Merge()
    {
        foreach (var table in new[] { "search_sections", "search_headings" })
        {
            connection.Execute($"INSERT INTO {table} ({table}, rank) VALUES ('automerge', {AutoMerge})", transaction: transaction);
            for (var step = 0; step < 1_000; step++)
            {
                var before = TotalChanges();
                connection.Execute($"INSERT INTO {table} ({table}, rank) VALUES ('merge', {MergePages})", transaction: transaction);
                if (TotalChanges() - before < 2)
                    break;
            }
        }
    }

    long TotalChanges() => connection.ExecuteScalar<long>("SELECT total_changes()", transaction: transaction);
}
