-- PostgreSQL only: migration 007's triples for pinyin. A pinyin term of three syllables was a phrase
-- in two forms, each answered by reading every candidate's row: its word readings (xiangshixian as
-- xiang <-> shi_xian in pinyin_words: 16,621 candidates and no hit on 100,497 sections, 190 ms) and
-- its syllable pairs (xiang_shi <-> shi_xian in pinyin_pairs). Here both are one lexeme:
--
-- * pinyin_triples: a syllable pair and the pair right after it (xiang_shi at p, shi_xian at p + 1:
--   xiang_shi_xian at p), as search_triples does for characters. Neighbouring pairs are always of
--   one run of syllables: a break "¦" stands between runs.
-- * pinyin_word_pairs: two neighbouring words of the word-reading form, joined by "+" (xiang at p,
--   shi_xian at p + 1: xiang+shi_xian at p). A reading of three or four syllables as words is two words.
--
-- As in 007, the importer makes them in C# (Search/PostgresSearchIndex) and these functions fill the
-- rows already indexed; the tests hold the two equal.
CREATE FUNCTION search_pinyin_triples(pinyin_pairs tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH pair AS (
        SELECT u.lexeme, p.position, p.weight
        FROM unnest(pinyin_pairs) u, unnest(u.positions, u.weights) p(position, weight)
        WHERE u.lexeme LIKE '%\_%')
    SELECT COALESCE(string_agg(format('''%s'':%s%s', a.lexeme || '_' || split_part(b.lexeme, '_', 2), a.position, a.weight), ' ')::tsvector, '')
    FROM pair a JOIN pair b ON b.position = a.position + 1
$$;

CREATE FUNCTION search_word_pairs(pinyin_words tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH word AS (
        SELECT u.lexeme, p.position, p.weight
        FROM unnest(pinyin_words) u, unnest(u.positions, u.weights) p(position, weight)
        WHERE u.lexeme <> '¦')
    SELECT COALESCE(string_agg(format('''%s'':%s%s', a.lexeme || '+' || b.lexeme, a.position, a.weight), ' ')::tsvector, '')
    FROM word a JOIN word b ON b.position = a.position + 1
$$;

-- Filled as generated columns, rewriting each table once, then plain columns (as in 007).
ALTER TABLE search_sections
    ADD COLUMN pinyin_triples    tsvector NOT NULL GENERATED ALWAYS AS (search_pinyin_triples(pinyin_pairs)) STORED,
    ADD COLUMN pinyin_word_pairs tsvector NOT NULL GENERATED ALWAYS AS (search_word_pairs(pinyin_words)) STORED;
ALTER TABLE search_headings
    ADD COLUMN pinyin_triples    tsvector NOT NULL GENERATED ALWAYS AS (search_pinyin_triples(pinyin_pairs)) STORED,
    ADD COLUMN pinyin_word_pairs tsvector NOT NULL GENERATED ALWAYS AS (search_word_pairs(pinyin_words)) STORED;
ALTER TABLE search_sections
    ALTER COLUMN pinyin_triples    DROP EXPRESSION,
    ALTER COLUMN pinyin_word_pairs DROP EXPRESSION;
ALTER TABLE search_headings
    ALTER COLUMN pinyin_triples    DROP EXPRESSION,
    ALTER COLUMN pinyin_word_pairs DROP EXPRESSION;

CREATE INDEX search_sections_pinyin_triples    ON search_sections USING gin (pinyin_triples);
CREATE INDEX search_sections_pinyin_word_pairs ON search_sections USING gin (pinyin_word_pairs);
CREATE INDEX search_headings_pinyin_triples    ON search_headings USING gin (pinyin_triples);
CREATE INDEX search_headings_pinyin_word_pairs ON search_headings USING gin (pinyin_word_pairs);

ALTER TABLE search_sections
    ALTER COLUMN pinyin_triples    SET STATISTICS 1000,
    ALTER COLUMN pinyin_word_pairs SET STATISTICS 1000;
ALTER TABLE search_headings
    ALTER COLUMN pinyin_triples    SET STATISTICS 1000,
    ALTER COLUMN pinyin_word_pairs SET STATISTICS 1000;

ANALYZE search_sections;
ANALYZE search_headings;
