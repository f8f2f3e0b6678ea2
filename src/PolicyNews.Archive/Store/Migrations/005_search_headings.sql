-- Search, second version (docs/search.md). Three changes to the index of migration 002,
-- made in one script so that an existing archive is re-indexed once:
--
-- * Headings indexed on their own, in search_headings. A search matching more sections than
--   SearchStore ranks by BM25 lists the sections whose heading holds the terms first; asking
--   search_sections for them read the terms' whole position lists again, body and all, because
--   FTS5 stores one list per token for all columns. One row per section that has a heading,
--   rowid = sections.id.
-- * Pinyin in any reading for two-syllable words. The pinyin columns hold each character's usual
--   reading only, so yinhang missed 银行 (行 is usually xing), chongxin 重新 and changqi 長期. A new
--   column holds, per pair of neighbouring characters, every other combination of their readings
--   (search_pinyin_readings, from SearchTokens.PinyinReadingPairs). FTS5 tables cannot gain
--   columns, so search_sections is made anew.
-- * Both tables merged into one segment ('optimize'): a query reads each term from every segment
--   FTS5 has written, and the importer now merges after each run (Search/SearchIndexWriter.cs).

DROP TABLE search_sections;
CREATE VIRTUAL TABLE search_sections USING fts5(
    heading, body, heading_pairs, body_pairs,
    heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
    heading_pinyin_readings, body_pinyin_readings,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

CREATE VIRTUAL TABLE search_headings USING fts5(
    heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

-- A database that already holds articles gets both indexes now, in this migration's transaction:
-- what SearchIndexWriter.Rebuild does (its SectionRows and HeadingRows over every section, then
-- 'optimize'), written out because the writer follows the latest schema and this script must
-- fill the tables as it defines them.
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
);

INSERT INTO search_headings (rowid, heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings)
SELECT id, search_words(heading), search_word_pairs(heading), search_pinyin(heading), search_pinyin_pairs(heading),
       search_pinyin_readings(heading)
FROM sections
WHERE heading IS NOT NULL;

INSERT INTO search_sections (search_sections) VALUES ('optimize');
INSERT INTO search_headings (search_headings) VALUES ('optimize');

-- A deleted section leaves both indexes at once. The importer used to look for orphaned index rows
-- with rowid NOT IN (SELECT id FROM sections), reading the whole index on every import that
-- rewrote an article.
CREATE TRIGGER sections_leave_search_index AFTER DELETE ON sections
BEGIN
    DELETE FROM search_sections WHERE rowid = old.id;
    DELETE FROM search_headings WHERE rowid = old.id;
END;
