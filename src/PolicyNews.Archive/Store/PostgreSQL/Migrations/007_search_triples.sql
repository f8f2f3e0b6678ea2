-- PostgreSQL only: runs of three characters as lexemes of their own, so a three-character word is
-- one GIN lookup instead of a phrase of two pairs. GIN keeps no positions, so a phrase is answered by
-- reading every candidate's row to check them (≈ 19 ms to count 2,001 hits of 速發展 on 100,497
-- sections, where SQLite's FTS5, which keeps positions, takes 3.5 ms; docs/search.md, "Built:
-- triples"). Longer words stay phrases of pairs (Search/PostgresSearch says why).
--
-- A triple is a pair and the pair right after it in one run of characters (创新 at p, 新发 at
-- p + 1: 创新发 at p, with the weight of p), so it is in a section exactly when the phrase of pairs
-- is; it keeps the positions and weights ts_rank reads. The importer makes the triples in C# with the
-- other forms (Search/PostgresSearchIndex: as generated columns made by this function in the server
-- they made an import 40–75 % longer); the function fills the rows already indexed, and the tests
-- hold the two equal.
CREATE FUNCTION search_triples(pairs tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH han AS (
        SELECT u.lexeme, p.position, p.weight
        FROM unnest(pairs) u, unnest(u.positions, u.weights) p(position, weight)
        -- Two Han characters (Chinese/Han.IsCharacter): a Latin word of two letters is no pair.
        WHERE u.lexeme ~ '^[\u3005\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]{2}$')
    SELECT COALESCE(string_agg(format('''%s'':%s%s', a.lexeme || right(b.lexeme, 1), a.position, a.weight), ' ')::tsvector, '')
    FROM han a JOIN han b ON b.position = a.position + 1
$$;

-- The count triggers are made again below, with the triples.
DROP TRIGGER search_sections_added ON search_sections;
DROP TRIGGER search_sections_removed ON search_sections;
DROP TRIGGER search_sections_changed ON search_sections;
DROP TRIGGER search_headings_added ON search_headings;
DROP TRIGGER search_headings_removed ON search_headings;
DROP TRIGGER search_headings_changed ON search_headings;

-- Filled as generated columns, which rewrites each table once (an UPDATE would leave every row's
-- old version behind, and in every index, until a VACUUM), then made plain columns the importer writes.
ALTER TABLE search_sections
    ADD COLUMN triples       tsvector NOT NULL GENERATED ALWAYS AS (search_triples(pairs)) STORED,
    ADD COLUMN label_triples tsvector NOT NULL GENERATED ALWAYS AS (search_triples(label_pairs)) STORED;
ALTER TABLE search_headings
    ADD COLUMN triples       tsvector NOT NULL GENERATED ALWAYS AS (search_triples(pairs)) STORED;
ALTER TABLE search_sections
    ALTER COLUMN triples       DROP EXPRESSION,
    ALTER COLUMN label_triples DROP EXPRESSION;
ALTER TABLE search_headings
    ALTER COLUMN triples       DROP EXPRESSION;

CREATE INDEX search_sections_triples       ON search_sections USING gin (triples);
CREATE INDEX search_sections_label_triples ON search_sections USING gin (label_triples);
CREATE INDEX search_headings_triples       ON search_headings USING gin (triples);

ALTER TABLE search_sections
    ALTER COLUMN triples       SET STATISTICS 1000,
    ALTER COLUMN label_triples SET STATISTICS 1000;
ALTER TABLE search_headings
    ALTER COLUMN triples       SET STATISTICS 1000;

-- The triples are counted too (migration 006), so a three-character word in more sections than the
-- exact limit is not counted.
CREATE TRIGGER search_sections_added AFTER INSERT ON search_sections REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'triples', 'labels', 'label_pairs', 'label_triples');
CREATE TRIGGER search_sections_removed AFTER DELETE ON search_sections REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'triples', 'labels', 'label_pairs', 'label_triples');
CREATE TRIGGER search_sections_changed AFTER UPDATE ON search_sections REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('', 'words', 'pairs', 'triples', 'labels', 'label_pairs', 'label_triples');
CREATE TRIGGER search_headings_added AFTER INSERT ON search_headings REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('heading_', 'words', 'pairs', 'triples');
CREATE TRIGGER search_headings_removed AFTER DELETE ON search_headings REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('heading_', 'words', 'pairs', 'triples');
CREATE TRIGGER search_headings_changed AFTER UPDATE ON search_headings REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes('heading_', 'words', 'pairs', 'triples');

CREATE OR REPLACE VIEW search_lexeme_recount AS
SELECT f.form COLLATE "C" AS form, u.lexeme COLLATE "C" AS lexeme, CAST(count(*) AS integer) AS sections
FROM search_sections r
CROSS JOIN LATERAL (VALUES ('words', r.words), ('pairs', r.pairs), ('triples', r.triples),
                           ('labels', r.labels), ('label_pairs', r.label_pairs), ('label_triples', r.label_triples)) f(form, vector)
CROSS JOIN LATERAL unnest(f.vector) u
GROUP BY f.form, u.lexeme
UNION ALL
SELECT f.form COLLATE "C", u.lexeme COLLATE "C", CAST(count(*) AS integer)
FROM search_headings r
CROSS JOIN LATERAL (VALUES ('heading_words', r.words), ('heading_pairs', r.pairs), ('heading_triples', r.triples)) f(form, vector)
CROSS JOIN LATERAL unnest(f.vector) u
GROUP BY f.form, u.lexeme;

INSERT INTO search_lexeme_sections (form, lexeme, sections)
SELECT form, lexeme, sections FROM search_lexeme_recount WHERE form LIKE '%triples';

ANALYZE search_sections;
ANALYZE search_headings;
