-- Pinyin in any reading for two-syllable words (issue 5; docs/search.md, "Pinyin"). The pinyin
-- columns hold each character's usual reading only, so yinhang missed 银行 (行 is usually xing),
-- chongxin 重新 and changqi 長期. A new column of each table holds, per pair of neighbouring
-- characters, every other combination of their readings (search_pinyin_readings, from
-- SearchTokens.PinyinReadingPairs). FTS5 tables cannot gain columns, so both are made anew and
-- filled from the sections, as migrations 002 and 005 did; the trigger of 005 names them and keeps
-- working.

DROP TABLE search_sections;
CREATE VIRTUAL TABLE search_sections USING fts5(
    heading, body, heading_pairs, body_pairs,
    heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
    heading_pinyin_readings, body_pinyin_readings,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

DROP TABLE search_headings;
CREATE VIRTUAL TABLE search_headings USING fts5(
    heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

-- The same statements as SearchIndexWriter.SectionRows and .HeadingRows.
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
