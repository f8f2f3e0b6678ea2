-- PostgreSQL only (SQLite's planner keeps no statistics of FTS5 tables): the planner's picture of
-- which lexemes are common. ANALYZE keeps the most common elements of a tsvector column, 10 per
-- unit of the statistics target, and estimates any other lexeme as rarer than the last of them.
-- At the default target (100) a 100,000-section archive's pairs form kept 1,000 lexemes, all above
-- 6 %: 在过, held by 5,673 sections, was guessed at 502, and 在过 & 过去 at 3, so a two-word search
-- scanned one word's sections and read every row to check the other (55 ms) instead of
-- intersecting the two (18 ms at 1,000, which keeps 3,254 lexemes down to 0.1 %; docs/search.md).
ALTER TABLE search_sections
    ALTER COLUMN words           SET STATISTICS 1000,
    ALTER COLUMN pairs           SET STATISTICS 1000,
    ALTER COLUMN pinyin          SET STATISTICS 1000,
    ALTER COLUMN pinyin_pairs    SET STATISTICS 1000,
    ALTER COLUMN pinyin_readings SET STATISTICS 1000,
    ALTER COLUMN pinyin_words    SET STATISTICS 1000,
    ALTER COLUMN labels          SET STATISTICS 1000,
    ALTER COLUMN label_pairs     SET STATISTICS 1000;
ALTER TABLE search_headings
    ALTER COLUMN words           SET STATISTICS 1000,
    ALTER COLUMN pairs           SET STATISTICS 1000,
    ALTER COLUMN pinyin          SET STATISTICS 1000,
    ALTER COLUMN pinyin_pairs    SET STATISTICS 1000,
    ALTER COLUMN pinyin_readings SET STATISTICS 1000,
    ALTER COLUMN pinyin_words    SET STATISTICS 1000;
ANALYZE search_sections;
ANALYZE search_headings;
