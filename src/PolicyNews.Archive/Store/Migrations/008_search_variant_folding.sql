-- Search folds every variant of a character to one form (Chinese/VariantFolding, from OpenCC's
-- tables): 遊戲 is found by 游戏, 週末 by 周末, 高墻 by 高墙, and 覆 is no longer merged with 復/複.
-- The words in both indexes were folded the old way, so both are emptied and filled again in this
-- migration's transaction — the fill of migration 005, which is what SearchIndexWriter.Rebuild does
-- (written out because the writer follows the latest schema).

INSERT INTO search_sections (search_sections) VALUES ('delete-all');
INSERT INTO search_headings (search_headings) VALUES ('delete-all');

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
