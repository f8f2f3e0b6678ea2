-- Full-text search over sections (docs/search.md explains the choices). One row per section,
-- rowid = sections.id. The columns hold text already folded and tokenised by C#
-- (Search/SearchTokens.cs, registered as SQL functions by Search/SearchSqlFunctions.cs), each
-- for the heading and for the body (the paragraphs, one line each):
--   words         every Han character a token, Latin words, "¦" at punctuation and line breaks
--   pairs         the same with each run of Han characters as overlapping pairs (创新 新发 发展),
--                 so a query of two or more characters reads short pair lists
--   pinyin        toneless usual reading of each Han character, "¦" where anything else stands
--   pinyin_pairs  neighbouring syllables paired (chuang_xin); "_" is made a token character
-- Contentless: the original text lives in paragraphs, and snippets are cut from there. bm25
-- weights (heading above body) are given per query in Search/SearchStore.cs.
--
-- Nothing fills the table here: migration 005 always runs after this script, in the same
-- upgrade, and makes the table anew (with more columns), filled from the existing sections.

CREATE VIRTUAL TABLE search_sections USING fts5(
    heading, body, heading_pairs, body_pairs,
    heading_pinyin, body_pinyin, heading_pinyin_pairs, body_pinyin_pairs,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);
