-- Search, ranked by rules (docs/search.md, "Ranking"). Two changes to what is indexed, so both
-- indexes are made anew and filled again in this migration's transaction:
--
-- * Word readings: *_pinyin_words holds each run of characters cut into words (Chinese/WordReadings,
--   pinyin-pro's word list) and read as words, one token per word (重新 chong_xin, 中心 zhong_xin,
--   其實也 qi_shi ye). A pinyin query found there ranks above one whose syllables only line up
--   across words or in another reading (zhongxin: 中心 before 重新; shiye: 事業 before 其實也).
-- * Labels: the lead section (ordinal 0) is indexed with its article's title as its heading, and
--   with the author and source as labels; every section with the names of its tags as labels. So a
--   reporter's name, a publication or a tag's name finds its sections. labels/label_pairs hold the
--   words and pairs forms (text only, no pinyin).
--
-- SearchIndexWriter's SectionTexts is the same SELECT (written out here because the writer follows
-- the latest schema and this script must fill the tables as it defines them).

DROP TABLE search_sections;
DROP TABLE search_headings;

CREATE VIRTUAL TABLE search_sections USING fts5(
    heading, body, heading_pairs, body_pairs,
    heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
    heading_pinyin_readings, body_pinyin_readings,
    heading_pinyin_words, body_pinyin_words, labels, label_pairs,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

CREATE VIRTUAL TABLE search_headings USING fts5(
    heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings, heading_pinyin_words,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

CREATE TEMP TABLE section_texts AS
SELECT s.id,
       CASE WHEN s.ordinal = 0 THEN a.title || COALESCE(char(10) || s.heading, '') ELSE s.heading END AS heading,
       (SELECT group_concat(text, char(10))
        FROM (SELECT p.text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal)) AS body,
       (SELECT group_concat(label, char(10))
        FROM (SELECT a.author AS label WHERE s.ordinal = 0
              UNION ALL SELECT a.source WHERE s.ordinal = 0
              UNION ALL SELECT t.name FROM section_tags st JOIN tags t ON t.id = st.tag_id WHERE st.section_id = s.id)) AS labels
FROM sections s JOIN articles a ON a.id = s.article_id;

INSERT INTO search_sections (rowid, heading, body, heading_pairs, body_pairs,
                             heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
                             heading_pinyin_readings, body_pinyin_readings,
                             heading_pinyin_words, body_pinyin_words, labels, label_pairs)
SELECT id, search_words(heading), search_words(body), search_word_pairs(heading), search_word_pairs(body),
       search_pinyin(heading), search_pinyin(body), search_pinyin_pairs(heading), search_pinyin_pairs(body),
       search_pinyin_readings(heading), search_pinyin_readings(body),
       search_pinyin_words(heading), search_pinyin_words(body), search_words(labels), search_word_pairs(labels)
FROM temp.section_texts;

INSERT INTO search_headings (rowid, heading, heading_pairs, heading_pinyin, heading_pinyin_pairs, heading_pinyin_readings,
                             heading_pinyin_words)
SELECT id, search_words(heading), search_word_pairs(heading), search_pinyin(heading), search_pinyin_pairs(heading),
       search_pinyin_readings(heading), search_pinyin_words(heading)
FROM temp.section_texts
WHERE heading IS NOT NULL;

DROP TABLE temp.section_texts;

INSERT INTO search_sections (search_sections) VALUES ('optimize');
INSERT INTO search_headings (search_headings) VALUES ('optimize');
