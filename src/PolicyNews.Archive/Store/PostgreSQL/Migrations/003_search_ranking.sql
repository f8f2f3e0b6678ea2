-- SQLite's 010_search_ranking: the word-reading form (pinyin_words: each run of characters cut
-- into words and read as words, one lexeme per word, Chinese/WordReadings) in both tables, and the
-- labels (the lead's author and source, every section's tag names) in the words and pairs forms.
-- The lead is now indexed with its article's title as its heading. The tokens are made in C#, so
-- SQL cannot fill the new columns: the index is emptied here and made again by
-- Search/PostgresSearchIndex.Rebuild (ArchiveCopy runs it after every copy; an archive migrated
-- in place needs it once — docs/postgresql.md).
TRUNCATE search_sections, search_headings;

ALTER TABLE search_sections
    ADD COLUMN pinyin_words tsvector NOT NULL DEFAULT '',
    ADD COLUMN labels       tsvector NOT NULL DEFAULT '',
    ADD COLUMN label_pairs  tsvector NOT NULL DEFAULT '';
ALTER TABLE search_headings
    ADD COLUMN pinyin_words tsvector NOT NULL DEFAULT '';

CREATE INDEX search_sections_pinyin_words ON search_sections USING gin (pinyin_words);
CREATE INDEX search_sections_labels       ON search_sections USING gin (labels);
CREATE INDEX search_sections_label_pairs  ON search_sections USING gin (label_pairs);
CREATE INDEX search_headings_pinyin_words ON search_headings USING gin (pinyin_words);
