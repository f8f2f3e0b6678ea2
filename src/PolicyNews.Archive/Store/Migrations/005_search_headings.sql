-- Headings indexed on their own (issue 5; docs/search.md, "Ranking"). A search matching more
-- sections than SearchStore ranks by BM25 lists the sections whose heading holds the terms first.
-- Asking search_sections for them read the terms' whole position lists again, body and all,
-- because FTS5 stores one list per token for all columns; this table holds only the short
-- headings, so the same question reads almost nothing. One row per section that has a heading,
-- rowid = sections.id; the same four token forms as search_sections' heading columns.

CREATE VIRTUAL TABLE search_headings USING fts5(
    heading, heading_pairs, heading_pinyin, heading_pinyin_pairs,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

INSERT INTO search_headings (rowid, heading, heading_pairs, heading_pinyin, heading_pinyin_pairs)
SELECT id, search_words(heading), search_word_pairs(heading), search_pinyin(heading), search_pinyin_pairs(heading)
FROM sections
WHERE heading IS NOT NULL;

-- One b-tree per index: a query reads each term from every segment FTS5 has written, and the
-- importer now merges them after each run (Import/SearchIndexWriter.cs); this brings an existing
-- index to the same state once.
INSERT INTO search_headings (search_headings) VALUES ('optimize');
INSERT INTO search_sections (search_sections) VALUES ('optimize');

-- A deleted section leaves both indexes at once. The importer used to look for orphaned index rows
-- with rowid NOT IN (SELECT id FROM sections), reading the whole index on every import that
-- rewrote an article.
CREATE TRIGGER sections_leave_search_index AFTER DELETE ON sections
BEGIN
    DELETE FROM search_sections WHERE rowid = old.id;
    DELETE FROM search_headings WHERE rowid = old.id;
END;
