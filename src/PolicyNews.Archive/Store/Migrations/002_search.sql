-- Full-text search over sections (issue 5; docs/search.md explains the choices). One row per
-- section, rowid = sections.id. The columns hold text already folded and tokenised by C#
-- (Search/SearchTokens.cs, registered as the SQL functions search_words and search_pinyin):
-- every Han character a token, breaks at punctuation, toneless pinyin one syllable per
-- character. Contentless: the original text lives in paragraphs, and snippets are cut from there.
-- bm25 weights (heading above body) are given per query in Store/SearchStore.cs.

CREATE VIRTUAL TABLE search_sections USING fts5(
    heading, body, heading_pinyin, body_pinyin,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A database that already holds articles gets its index now, in this migration's transaction;
-- the same SELECT is SearchIndexWriter.SectionRows.
INSERT INTO search_sections (rowid, heading, body, heading_pinyin, body_pinyin)
SELECT id, search_words(heading), search_words(body), search_pinyin(heading), search_pinyin(body)
FROM (
    SELECT s.id, s.heading,
           (SELECT group_concat(text, char(10))
            FROM (SELECT p.text FROM paragraphs p WHERE p.section_id = s.id ORDER BY p.ordinal)) AS body
    FROM sections s
);
